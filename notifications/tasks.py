"""Background work. Tasks only call services."""

from datetime import date

from django_tasks import task

from . import city, digest, services


@task()
def notification_email_task(*, notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@task()
def city_page_notify_task(*, page_id: int) -> int:
    return city.city_page_notify(page_id=page_id)


@task()
def digest_task(*, period: str, reschedule: bool = True) -> dict:
    """The daily or weekly digest, at the digest hour; queues the next one first."""
    if reschedule:
        digest.digest_schedule(period=period)
    return digest.digest_run_in_worker(period=period)


@task()
def digest_resume_task(*, period: str, period_start: str) -> dict:
    return digest.digest_send_pending(period=period, period_start=date.fromisoformat(period_start))
