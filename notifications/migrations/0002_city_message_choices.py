"""The opt-in to the city's messages becomes the "city" kind of the notification choices:
opted in = e-mailed at once; explicitly not opted in = only on the site; no choice made = the
kind's default (weekly digest)."""

from django.db import migrations


def forwards(apps, schema_editor):
    CityMessagePreference = apps.get_model("announcements", "CityMessagePreference")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    rows = [
        NotificationPreference(
            user_id=choice.user_id,
            kind="city",
            channel="immediate" if choice.opted_in else "site",
            updated_at=choice.updated_at,
        )
        for choice in CityMessagePreference.objects.all().iterator(chunk_size=2000)
    ]
    NotificationPreference.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def backwards(apps, schema_editor):
    CityMessagePreference = apps.get_model("announcements", "CityMessagePreference")
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    for choice in NotificationPreference.objects.filter(kind="city").iterator():
        CityMessagePreference.objects.update_or_create(
            user_id=choice.user_id, defaults={"opted_in": choice.channel == "immediate"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("announcements", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
