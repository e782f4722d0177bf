"""Every write about initiatives."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emails.services import email_send_to_user
from neighbourhoods.selectors import active_membership
from neighbourhoods.uploads import CleanImage
from portal.errors import ServiceRefusal
from portal.text import plain_text

from .models import CoOrganiser, HelperSignup, Initiative, InitiativeDraft, Support
from .permissions import is_verified_resident
from .selectors import participation_staff

S = Initiative.Status
# Every decision staff may take from each status. A submission can be decided on at once:
# "in review" is optional, for when the answer takes time (each change e-mails the submitter).
TRANSITIONS = {
    S.SUBMITTED: {S.IN_REVIEW, S.ACCEPTED, S.DECLINED},
    S.IN_REVIEW: {S.ACCEPTED, S.DECLINED},
    S.ACCEPTED: {S.IN_PROGRESS},
    S.IN_PROGRESS: {S.REALISED},
    S.DECLINED: set(),
    S.REALISED: set(),
}


class InitiativeError(ServiceRefusal):
    """A refusal with a message for the person who asked."""


def draft_start(*, owner, call) -> InitiativeDraft:
    return InitiativeDraft.objects.create(owner=owner, call=call)


def draft_delete(*, draft) -> None:
    draft.delete()


@transaction.atomic
def initiative_submit(
    *, draft, submitter, data: dict, image: CleanImage | None = None
) -> Initiative:
    """Turn a complete, validated wizard into a submitted initiative, in one transaction."""
    if not is_verified_resident(submitter):
        raise InitiativeError(_("Only verified residents can submit an initiative."))
    if draft.owner_id != submitter.pk:
        raise InitiativeError(_("This draft is not yours."))
    call = draft.call
    if not call.is_open():
        raise InitiativeError(_("This call for initiatives is closed."))
    membership = active_membership(user=submitter)
    if data["neighbourhood"].pk != membership.neighbourhood_id:
        raise InitiativeError(_("You can propose an initiative for your own neighbourhood only."))
    targeted = {n.pk for n in call.neighbourhoods.all()}
    if targeted and data["neighbourhood"].pk not in targeted:
        raise InitiativeError(_("This call is not open to your neighbourhood."))
    initiative = Initiative(
        call=call,
        submitter=submitter,
        neighbourhood=data["neighbourhood"],
        title=plain_text(data["title"])[:120],
        description=plain_text(data["description"]),
        image_alt=plain_text(data.get("image_alt", ""))[:200],
        place=plain_text(data["place"])[:200],
        needs_budget=data.get("needs_budget") or 0,
        needs_material=bool(data.get("needs_material")),
        needs_permits=bool(data.get("needs_permits")),
        needs_communication=bool(data.get("needs_communication")),
        needs_other=plain_text(data.get("needs_other", "")),
        helpers_needed=data.get("helpers_needed") or 0,
    )
    if image is not None:
        initiative.image.save(image.file.name, image.file, save=False)
    initiative.save()
    emails = sorted({e.lower() for e in data.get("co_organisers", [])} - {submitter.email.lower()})
    CoOrganiser.objects.bulk_create(CoOrganiser(initiative=initiative, email=e) for e in emails)
    draft.delete()
    transaction.on_commit(lambda: _after_submit(initiative.pk))
    return initiative


def _after_submit(initiative_pk):
    from django.contrib.auth import get_user_model
    from django.core import signing

    initiative = Initiative.objects.select_related("submitter", "neighbourhood").get(
        pk=initiative_pk
    )
    email_send_to_user(
        user=initiative.submitter,
        template="initiatives/emails/submitted",
        context={"initiative": initiative},
    )
    # Invitations go only to verified residents of the initiative's neighbourhood; the
    # submitter is never told which addresses matched (no account enumeration).
    User = get_user_model()
    for invite in initiative.co_organisers.all():
        user = User.objects.filter(email__iexact=invite.email, is_active=True).first()
        membership = active_membership(user=user) if user else None
        if membership is None or membership.neighbourhood_id != initiative.neighbourhood_id:
            continue
        token = signing.dumps({"invite": invite.pk}, salt="initiatives.invite")
        email_send_to_user(
            user=user,
            template="initiatives/emails/invitation",
            context={"initiative": initiative, "token": token},
        )


@transaction.atomic
def co_organiser_confirm(*, invite_id: int, user) -> Initiative:
    invite = (
        CoOrganiser.objects.select_for_update()
        .select_related("initiative")
        .filter(pk=invite_id)
        .first()
    )
    membership = active_membership(user=user)
    if (
        invite is None
        or invite.email.lower() != user.email.lower()
        or not is_verified_resident(user)
        or membership.neighbourhood_id != invite.initiative.neighbourhood_id
    ):
        raise InitiativeError(
            _("This invitation is not for this account, or it is no longer valid.")
        )
    if invite.confirmed_at is None:
        invite.user = user
        invite.confirmed_at = timezone.now()
        invite.save(update_fields=["user", "confirmed_at"])
    return invite.initiative


def transition_allowed(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, set())


@transaction.atomic
def initiative_set_status(*, initiative, status: str, public_answer: str = "", by=None):
    """Move an initiative along the review workflow and tell the submitter, in their language."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if status not in S.values or not transition_allowed(locked.status, status):
        raise InitiativeError(
            _("An initiative cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": S(locked.status).label,
                "new": S(status).label if status in S.values else status,
            }
        )
    public_answer = plain_text(public_answer)
    if status == S.DECLINED and not public_answer:
        raise InitiativeError(_("Explain publicly why the initiative is declined."))
    locked.status = status
    if public_answer:
        locked.public_answer = public_answer
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "public_answer", "status_changed_at"])
    pk = locked.pk
    transaction.on_commit(lambda: _status_mail(pk))
    return locked


def _status_mail(initiative_pk):
    initiative = Initiative.objects.select_related("submitter").get(pk=initiative_pk)
    email_send_to_user(
        user=initiative.submitter,
        kind="initiatives",
        template="initiatives/emails/status",
        context={"initiative": initiative},
    )


class AlreadySupported(InitiativeError):
    pass


def initiative_support(*, initiative, user) -> Support:
    """One support per household and initiative, enforced by the database."""
    if not is_verified_resident(user):
        raise InitiativeError(_("Only verified residents can support an initiative."))
    initiative = Initiative.objects.select_related("call").get(pk=initiative.pk)  # fresh status
    if initiative.status not in Initiative.SUPPORTABLE:
        raise InitiativeError(_("This initiative cannot be supported."))
    household = active_membership(user=user).household
    try:
        with transaction.atomic():
            support = Support.objects.create(initiative=initiative, household=household)
    except IntegrityError:
        raise AlreadySupported(_("Your household already supports this initiative."))
    _check_threshold(initiative)
    return support


def _check_threshold(initiative):
    threshold = initiative.call.support_threshold
    if not threshold or initiative.supports.count() < threshold:
        return
    # Only the one UPDATE that flips the mark sends the e-mails: exactly once, even in a race.
    flipped = Initiative.objects.filter(
        pk=initiative.pk, threshold_notified_at__isnull=True
    ).update(threshold_notified_at=timezone.now())
    if flipped:
        transaction.on_commit(lambda: _threshold_mail(initiative.pk))


def _threshold_mail(initiative_pk):
    initiative = Initiative.objects.select_related("call", "neighbourhood").get(pk=initiative_pk)
    for staff in participation_staff():
        email_send_to_user(
            user=staff,
            template="initiatives/emails/threshold",
            context={"initiative": initiative, "count": initiative.supports.count()},
        )


def initiative_unsupport(*, initiative, user) -> None:
    membership = active_membership(user=user)
    if membership is not None:
        Support.objects.filter(initiative=initiative, household=membership.household).delete()


def helper_sign_up(*, initiative, user, share_contact: bool) -> HelperSignup:
    if not is_verified_resident(user):
        raise InitiativeError(_("Only verified residents can offer to help."))
    initiative = Initiative.objects.get(pk=initiative.pk)
    if initiative.status not in Initiative.SUPPORTABLE:
        raise InitiativeError(_("This initiative is not looking for helpers."))
    signup, _created = HelperSignup.objects.update_or_create(
        initiative=initiative, user=user, defaults={"share_contact": bool(share_contact)}
    )
    return signup


def helper_withdraw(*, initiative, user) -> None:
    HelperSignup.objects.filter(initiative=initiative, user=user).delete()


def draft_save(*, draft, data: dict, title: str = "") -> None:
    """The wizard's storage after each step: what was typed so far and the title to list it by."""
    # update(), not save(): a draft deleted by the submission stays deleted.
    InitiativeDraft.objects.filter(pk=draft.pk).update(
        data=data, title=title[:120], updated_at=timezone.now()
    )


def initiative_update_answer(*, initiative, public_answer: str) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(public_answer=plain_text(public_answer))
