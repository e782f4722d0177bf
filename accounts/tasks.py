from django_tasks import task

from . import services


@task()
def signup_mail(*, user_id: int, new_account: bool, base_url: str = "") -> None:
    services.signup_mail_send(user_id=user_id, new_account=new_account, base_url=base_url)
