"""Background work. Tasks only call services."""

from django_tasks import task

from . import services


@task()
def newsletter_send_task(send_id: int) -> dict:
    return services.newsletter_send_process(send_id=send_id)
