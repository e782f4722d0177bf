"""Background work. Tasks only call services."""

from django_tasks import task

from . import services


@task()
def email_deliver_task(*, to: str, subject: str, text: str, html: str, headers: dict) -> None:
    services.email_deliver(to=to, subject=subject, text=text, html=html, headers=headers)
