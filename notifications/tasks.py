"""Background work. Tasks only call services."""

from django_tasks import task

from . import city, services


@task()
def notification_email_task(*, notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@task()
def city_page_notify_task(*, page_id: int) -> int:
    return city.city_page_notify(page_id=page_id)
