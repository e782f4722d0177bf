"""Every write of conversations. Keyword-only arguments; refusals are ConversationError with a
message for the resident (already translated)."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from neighbourhoods.models import Membership
from neighbourhoods.permissions import is_city_staff
from neighbourhoods.selectors import active_membership
from portal.errors import ServiceRefusal
from portal.text import one_line as plain_text

from .models import Block, Conversation, ConversationReport, Message
from .permissions import blocked_between, can_read, is_open

MAX_LENGTH = 2000


class ConversationError(ServiceRefusal):
    """A message or conversation refused; nothing was stored."""


def _clean(body: str) -> str:
    body = plain_text(body or "")
    if not body:
        raise ConversationError(_("Write a message."))
    if len(body) > MAX_LENGTH:
        raise ConversationError(_("Keep your message under 2,000 characters."))
    return body


def conversation_between(*, a, b, neighbourhood_id):
    return (
        Conversation.objects.filter(neighbourhood_id=neighbourhood_id)
        .filter(Q(starter=a, other=b) | Q(starter=b, other=a))
        .first()
    )


@transaction.atomic
def conversation_start(*, sender, recipient, body: str, post=None) -> Conversation:
    """Write to a neighbour: both verified members of the same neighbourhood, not blocked."""
    mine, theirs = active_membership(user=sender), active_membership(user=recipient)
    if (
        mine is None
        or theirs is None
        or mine.neighbourhood_id != theirs.neighbourhood_id
        or is_city_staff(sender)
        or is_city_staff(recipient)
    ):
        raise ConversationError(_("You can only write to a neighbour of your own neighbourhood."))
    if sender.pk == recipient.pk:
        raise ConversationError(_("You cannot write to yourself."))
    if blocked_between(sender, recipient):
        raise ConversationError(_("You cannot write to this neighbour."))
    body = _clean(body)
    conversation = conversation_between(
        a=sender, b=recipient, neighbourhood_id=mine.neighbourhood_id
    )
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    neighbourhood_id=mine.neighbourhood_id,
                    starter=sender,
                    other=recipient,
                    post=post,
                )
        except IntegrityError:  # the same neighbour clicked twice at once
            conversation = conversation_between(
                a=sender, b=recipient, neighbourhood_id=mine.neighbourhood_id
            )
    _store(conversation=conversation, sender=sender, body=body)
    return conversation


@transaction.atomic
def message_send(*, conversation: Conversation, sender, body: str) -> Message:
    if not can_read(sender, conversation):
        raise ConversationError(_("This conversation is not yours."))
    if not is_open(conversation):
        raise ConversationError(
            _("This conversation is closed: one of you has left the neighbourhood.")
        )
    if blocked_between(conversation.starter, conversation.other):
        raise ConversationError(_("You cannot write to this neighbour."))
    return _store(conversation=conversation, sender=sender, body=_clean(body))


def _store(*, conversation, sender, body) -> Message:
    message = Message.objects.create(conversation=conversation, sender=sender, body=body)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    return message


def neighbour_block(*, blocker, blocked) -> Block:
    if blocker.pk == blocked.pk:
        raise ConversationError(_("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def neighbour_unblock(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def conversation_report(*, conversation, reporter, reason: str) -> ConversationReport:
    """A participant asks the resident moderators of the neighbourhood to look at it."""
    if not can_read(reporter, conversation):
        raise ConversationError(_("This conversation is not yours."))
    reason = plain_text(reason or "")[:500]
    if not reason:
        raise ConversationError(_("Say in a few words what is wrong."))
    try:
        with transaction.atomic():
            return ConversationReport.objects.create(
                conversation=conversation, reporter=reporter, reason=reason
            )
    except IntegrityError:
        raise ConversationError(_("You have already reported this conversation."))


def moderators_of(*, neighbourhood_id):
    return Membership.objects.filter(
        neighbourhood_id=neighbourhood_id, ended_at__isnull=True, is_moderator=True
    ).values_list("user_id", flat=True)
