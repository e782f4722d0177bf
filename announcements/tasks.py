"""Background work. Tasks only call services."""

from django_tasks import task

from . import services


@task()
def announcement_email_task(announcement_id: int) -> int:
    return services.announcement_email_members(announcement_id=announcement_id)


@task()
def event_reminders_task(event_id: int) -> int:
    return services.event_reminders_send(event_id=event_id)
