import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    display_name = factory.Sequence(lambda n: f"Voisin {n}")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_user(group_name: str, **kwargs):
    """A member of one of the four staff groups (created by the accounts data migration)."""
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def superuser(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


def verify_second_factor(client, user):
    """Mark a test client's session as signed in with a second factor.

    Staff (anyone who can enter the admin) need one; tests/conftest.py calls this after every
    `Client.force_login` of a staff account, so tests that force_login staff need nothing more.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def recovery_code_for(user) -> str:
    """A fresh single-use recovery code for `user` (browser tests type it after the password)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="recovery codes", defaults={"confirmed": True}
    )
    return device.token_set.create(token=StaticToken.random_token()).token
