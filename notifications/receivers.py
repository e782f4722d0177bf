"""Events of other apps that concern a resident. The apps never import this one."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from .models import Kind
from .services import neutral_path, notification_create


def on_reaction(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    post = instance.post
    if instance.author_id == post.author_id:
        return
    notification_create(
        recipient_id=post.author_id,
        kind=Kind.REACTIONS,
        event="reaction",
        title=post.title,
        actor_name=instance.author.public_name,
        url=neutral_path("feed:post", post.pk) + "#reactions",
        post=post,
        reaction=instance,
        email=True,
    )


def on_thanks(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    post = instance.post
    if instance.user_id == post.author_id:
        return
    notification_create(
        recipient_id=post.author_id,
        kind=Kind.REACTIONS,
        event="thanks",
        title=post.title,
        actor_name=instance.user.public_name,
        url=neutral_path("feed:post", post.pk),
        post=post,
        email=True,
    )


def on_moderation(sender, *, item, post, event, **kwargs):
    # The feed e-mails the author itself (kind "moderation"); no link to the post object, so
    # the author is told even when it is hidden.
    notification_create(
        recipient_id=item.author_id,
        kind=Kind.MODERATION,
        event=f"moderation_{event}",
        title=post.title,
        url=neutral_path("feed:post", post.pk) if event == "restored" else "/",
    )


def on_help_contact(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    answer_to_offer = instance.offer.user_id == instance.recipient_id
    notification_create(
        recipient_id=instance.recipient_id,
        kind=Kind.HELP if answer_to_offer else Kind.REPLIES,
        event="help_message" if answer_to_offer else "reply",
        actor_name=instance.sender.public_name,
        url=neutral_path("care:conversations"),
    )


def on_initiative(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if created or raw or not update_fields or "status" not in update_fields:
        return
    notification_create(
        recipient_id=instance.submitter_id,
        kind=Kind.INITIATIVES,
        event="initiative_status",
        title=instance.title,
        url=neutral_path("initiatives:mine"),
    )


def on_conversation_message(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    conversation = instance.conversation
    recipient_id = (
        conversation.other_id
        if instance.sender_id == conversation.starter_id
        else conversation.starter_id
    )
    notification_create(
        recipient_id=recipient_id,
        kind=Kind.REPLIES,
        event="reply",
        actor_name=instance.sender.public_name,
        url=neutral_path("conversations:detail", conversation.pk),
        email=True,
    )


def on_conversation_report(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from conversations.services import moderators_of

    for moderator_id in moderators_of(neighbourhood_id=instance.conversation.neighbourhood_id):
        if moderator_id == instance.reporter_id:
            continue
        notification_create(
            recipient_id=moderator_id,
            kind=Kind.MODERATION,
            event="conversation_reported",
            url=neutral_path("conversations:reported", instance.pk),
            email=True,
        )


def connect():
    from conversations.models import ConversationReport, Message
    from feed.models import Reaction, Thanks
    from feed.signals import moderation_outcome
    from initiatives.models import Initiative
    from neighbour_help.models import HelpContact

    from .city import on_page_published

    post_save.connect(on_reaction, sender=Reaction, dispatch_uid="notifications-reaction")
    post_save.connect(on_thanks, sender=Thanks, dispatch_uid="notifications-thanks")
    post_save.connect(on_help_contact, sender=HelpContact, dispatch_uid="notifications-help")
    post_save.connect(on_initiative, sender=Initiative, dispatch_uid="notifications-initiative")
    post_save.connect(on_conversation_message, sender=Message, dispatch_uid="notifications-message")
    post_save.connect(
        on_conversation_report, sender=ConversationReport, dispatch_uid="notifications-report"
    )
    moderation_outcome.connect(on_moderation, dispatch_uid="notifications-moderation")
    page_published.connect(on_page_published, dispatch_uid="notifications-city-page")
