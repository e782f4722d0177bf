from django_tasks import task

from . import services


@task()
def data_export_build(*, export_id: int) -> None:
    services.data_export_build(export_id=export_id)


@task()
def retention_run() -> dict:
    """Scheduled by the retention_run command (cron/systemd timer) or enqueued by it."""
    from .retention import retention_run as run

    return run()
