from django_tasks import task

from . import services


@task()
def data_export_build(*, export_id: int) -> None:
    services.data_export_build(export_id=export_id)
