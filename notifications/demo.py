"""Demo choices: the announcements demo's city opt-ins, converted as the data migration does,
and a few residents who want the daily digest."""

from django.utils import timezone

from announcements.models import CityMessagePreference
from neighbourhoods.models import Membership

from .models import Channel, Kind, NotificationPreference


def seed(*, scale, rng, log):
    now = timezone.now()
    rows = {
        user_id: NotificationPreference(
            user_id=user_id,
            kind=Kind.CITY,
            channel=Channel.IMMEDIATE if opted_in else Channel.SITE,
            updated_at=now,
        )
        for user_id, opted_in in CityMessagePreference.objects.values_list("user_id", "opted_in")
    }
    for user_id in Membership.objects.filter(ended_at__isnull=True).values_list(
        "user_id", flat=True
    ):
        if user_id not in rows and rng.random() < 0.1:
            rows[user_id] = NotificationPreference(
                user_id=user_id, kind=Kind.CITY, channel=Channel.DAILY, updated_at=now
            )
    NotificationPreference.objects.bulk_create(rows.values(), batch_size=5000)
    log(f"  {len(rows)} notification choices")
