from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo.accounts import DEMO_PASSWORD, STAFF


def seed(*, scale, rng, log):
    User = get_user_model()
    for email, first_name, group in STAFF:
        if group is None:
            user = User.objects.create_superuser(email=email, password=DEMO_PASSWORD)
        else:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, is_staff=False)
            user.groups.add(Group.objects.get(name=group))
        user.first_name = first_name
        user.email_confirmed_at = user.date_joined
        user.save(update_fields=["first_name", "email_confirmed_at"])
    log(f"  {len(STAFF)} staff accounts")
