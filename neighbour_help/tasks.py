from django_tasks import task

from . import services


@task()
def callout_send(*, callout_id: int) -> int:
    return services.callout_deliver(callout_id=callout_id)
