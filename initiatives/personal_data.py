"""Initiatives' part of "download my data" and "delete my account"."""

from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData, RetentionRule

from .models import CoOrganiser, HelperSignup, Initiative, InitiativeDraft, Support
from .services import draft_delete


def export(*, user):
    from neighbourhoods.models import Membership
    from privacy.serialize import rows, section

    households = Membership.objects.filter(user=user).values("household_id")
    return section(
        _("Initiatives"),
        [
            {
                "initiatives": rows(
                    Initiative.objects.filter(submitter=user),
                    "title",
                    "description",
                    "place",
                    "image",
                    "image_alt",
                    "status",
                    "public_answer",
                    "submitted_at",
                )
            },
            {
                "drafts": rows(
                    InitiativeDraft.objects.filter(owner=user), "title", "data", "updated_at"
                )
            },
            {"co_organiser_of": rows(CoOrganiser.objects.filter(user=user), "initiative__title")},
            {
                "helping_with": rows(
                    HelperSignup.objects.filter(user=user),
                    "initiative__title",
                    "share_contact",
                    "created_at",
                )
            },
            {
                "supports_of_my_household": rows(
                    Support.objects.filter(household__in=households),
                    "initiative__title",
                    "created_at",
                )
            },
        ],
    )


def files(*, user):
    for initiative in Initiative.objects.filter(submitter=user).exclude(image=""):
        name = initiative.image.name.rsplit("/", 1)[-1]
        yield f"initiatives/{initiative.pk}-{name}", initiative.image.storage, initiative.image.name


def erase(*, user):
    for draft in InitiativeDraft.objects.filter(owner=user):
        draft_delete(draft=draft)
    HelperSignup.objects.filter(user=user).delete()
    CoOrganiser.objects.filter(user=user).delete()


ENTRY = PersonalData(
    app="initiatives",
    order=30,
    export=export,
    erase=erase,
    files=files,
    erased=(_("your initiative drafts and your offers to help with initiatives"),),
    anonymised=(_("the initiatives you submitted (the city's answer is a public decision)"),),
    kept=(_("your household's supports, which never named you"),),
)


def purge_draft_uploads(*, cutoff) -> int:
    """Drafts left untouched, and photos uploaded to a draft that was never submitted."""
    from datetime import UTC, datetime

    from .wizard import draft_files

    count = 0
    for draft in InitiativeDraft.objects.filter(updated_at__lt=cutoff):
        draft_delete(draft=draft)
        count += 1
    try:
        _dirs, names = draft_files.listdir("")
    except FileNotFoundError:
        return count
    for name in names:
        modified = datetime.fromtimestamp(draft_files.get_modified_time(name).timestamp(), UTC)
        if modified < cutoff:
            draft_files.delete(name)
            count += 1
    return count


RETENTION = RetentionRule("initiative_draft_uploads", "draft_uploads", purge_draft_uploads)
