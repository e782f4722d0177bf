"""City messages and events' part of "download my data" and "delete my account"."""

from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData

from .models import AnnouncementReply, CityMessagePreference, EventRegistration


def export(*, user):
    from privacy.serialize import rows, section

    return section(
        _("City messages and events"),
        [
            {
                "city_message_preference": rows(
                    CityMessagePreference.objects.filter(user=user), "opted_in", "updated_at"
                )
            },
            {
                "replies_to_the_city": rows(
                    AnnouncementReply.objects.filter(author=user),
                    "announcement__title",
                    "body",
                    "created_at",
                )
            },
            {
                "event_registrations": rows(
                    EventRegistration.objects.filter(user=user),
                    "event__title",
                    "status",
                    "created_at",
                )
            },
        ],
    )


def erase(*, user):
    CityMessagePreference.objects.filter(user=user).delete()
    EventRegistration.objects.filter(user=user).delete()


ENTRY = PersonalData(
    app="announcements",
    order=50,
    export=export,
    erase=erase,
    erased=(_("your event registrations and your choice about the city's e-mails"),),
    anonymised=(_("your replies to the city's messages"),),
)
