"""What the core keeps about a person: account, household and address, memberships, letters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Membership
from neighbourhoods.registry import PersonalData, register_personal_data
from verification.models import CodeUse, VerificationRequest

from .serialize import plain, rows, section


def _account(*, user):
    return section(
        _("Account"),
        [
            {
                "email": user.email,
                "display_name": user.display_name,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "language": user.language,
                "date_joined": plain(user.date_joined),
                "last_login": plain(user.last_login),
                "email_confirmed_at": plain(user.email_confirmed_at),
            }
        ],
    )


def _memberships(*, user):
    items = []
    for m in Membership.objects.filter(user=user).select_related(
        "household__address", "neighbourhood"
    ):
        items.append(
            {
                "neighbourhood": m.neighbourhood.name,
                "address": str(m.household.address),
                "moderator": m.is_moderator,
                "method": m.method,
                "joined_at": plain(m.joined_at),
                "ended_at": plain(m.ended_at),
            }
        )
    return section(_("Household, address and memberships"), items)


def _verification(*, user):
    requests = rows(
        VerificationRequest.objects.filter(user=user),
        "street",
        "number",
        "box",
        "postcode",
        "status",
        "created_at",
        "handled_at",
    )
    uses = rows(CodeUse.objects.filter(user=user), "used_at", "code__batch__created_at")
    return section(_("Address verification"), [*requests, *uses])


def _erase_verification(*, user):
    VerificationRequest.objects.filter(user=user).delete()
    # The household stays traceable to the batch whose letter let someone in; not to this person.
    CodeUse.objects.filter(user=user).update(user=None)


def _erase_memberships(*, user):
    Membership.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())


def register():
    register_personal_data(
        PersonalData(
            app="accounts",
            order=0,
            export=_account,
            erase=lambda *, user: None,  # the account itself is anonymised last (services)
            erased=(
                _("your e-mail address, name, password and language"),
                _("your second factor, your sessions and your data-download files"),
            ),
        )
    )
    register_personal_data(
        PersonalData(
            app="neighbourhoods",
            order=1,
            export=_memberships,
            erase=_erase_memberships,
            kept=(
                _(
                    "that a (now anonymous) person was a member of your household, so that "
                    "“one per household” rules and participation figures stay right"
                ),
            ),
        )
    )
    register_personal_data(
        PersonalData(
            app="verification",
            order=2,
            export=_verification,
            erase=_erase_verification,
            erased=(_("your requests for a letter and the addresses you typed"),),
            kept=(_("which letter batch let your household in, without your name (fraud checks)"),),
        )
    )
