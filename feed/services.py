"""Every write to the feed. Keyword-only arguments; each call is one transaction."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from emails.services import email_send_to_user
from neighbourhoods.selectors import active_membership
from neighbourhoods.uploads import CleanImage
from portal.errors import ServiceRefusal
from portal.links import absolute_url

from .models import Post, Reaction, Report, Status, Thanks
from .signals import moderation_outcome
from .text import sanitise


class FeedError(ServiceRefusal):
    """A refusal to show the resident as is (already translated)."""


def reports_to_hide() -> int:
    return settings.FEED_REPORTS_TO_HIDE


def _delete_file_later(storage_file):
    if storage_file:
        storage, name = storage_file.storage, storage_file.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def post_create(*, author, category, title, body, image: CleanImage | None = None) -> Post:
    membership = active_membership(user=author)
    if membership is None:
        raise FeedError(_("Only verified residents can post in a neighbourhood feed."))
    post = Post(
        neighbourhood_id=membership.neighbourhood_id,
        household_id=membership.household_id,
        author=author,
        category=category,
        title=title.strip(),
        body=sanitise(body),
    )
    if image is not None:
        post.image.save(image.file.name, image.file, save=False)
        post.image_width, post.image_height = image.width, image.height
    try:
        post.save()
    except Exception:
        if post.image:
            post.image.storage.delete(post.image.name)
        raise
    return post


@transaction.atomic
def post_update(
    *, post: Post, title, category, body, image: CleanImage | None = None, remove_image=False
) -> Post:
    post.title = title.strip()
    post.category = category
    post.body = sanitise(body)
    post.edited_at = timezone.now()
    if (image is not None or remove_image) and post.image:
        _delete_file_later(post.image)
        post.image = ""
        post.image_width = post.image_height = None
    if image is not None:
        post.image.save(image.file.name, image.file, save=False)
        post.image_width, post.image_height = image.width, image.height
    post.save()
    return post


@transaction.atomic
def post_delete(*, post: Post) -> None:
    _delete_file_later(post.image)
    post.delete()


@transaction.atomic
def reaction_create(*, post: Post, author, body) -> Reaction:
    if post.status != Status.VISIBLE:
        raise FeedError(_("This post can no longer receive reactions."))
    reaction = Reaction.objects.create(
        post=post,
        # Copied, never derived: a post does not change neighbourhood (see Reaction).
        neighbourhood_id=post.neighbourhood_id,
        author=author,
        body=sanitise(body),
    )
    Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
    return reaction


@transaction.atomic
def reaction_update(*, reaction: Reaction, body) -> Reaction:
    reaction.body = sanitise(body)
    reaction.edited_at = timezone.now()
    reaction.save(update_fields=["body", "edited_at"])
    return reaction


@transaction.atomic
def reaction_delete(*, reaction: Reaction) -> None:
    counted = reaction.status == Status.VISIBLE
    post_id = reaction.post_id
    reaction.delete()
    if counted:
        Post.objects.filter(pk=post_id, reaction_count__gt=0).update(
            reaction_count=F("reaction_count") - 1
        )


def thanks_give(*, post: Post, user) -> bool:
    """Thank a post once. Returns False if this person had already thanked it."""
    if post.author_id == user.pk:
        raise FeedError(_("You cannot thank your own post."))
    try:
        with transaction.atomic():
            Thanks.objects.create(post=post, user=user)
            Post.objects.filter(pk=post.pk).update(thanks_count=F("thanks_count") + 1)
    except IntegrityError:
        return False
    return True


def report_create(*, reporter, reason, details="", post: Post | None = None, reaction=None):
    """Report a post or a reaction once. After N reports the item is hidden until moderated.

    Returns True if the report was recorded, False if this person had already reported it.
    """
    target = post if post is not None else reaction
    if target.author_id == reporter.pk:
        raise FeedError(_("You cannot report what you wrote yourself."))
    model = Post if post is not None else Reaction
    try:
        with transaction.atomic():
            Report.objects.create(
                post=post,
                reaction=reaction,
                reporter=reporter,
                reason=reason,
                details=details.strip()[:500],
            )
            locked = model.objects.select_for_update().get(pk=target.pk)
            locked.report_count = F("report_count") + 1
            locked.save(update_fields=["report_count"])
            locked.refresh_from_db(fields=["report_count", "status"])
            if locked.status == Status.VISIBLE and locked.report_count >= reports_to_hide():
                locked.status = Status.HIDDEN
                locked.save(update_fields=["status"])
                if model is Reaction:
                    Post.objects.filter(pk=locked.post_id, reaction_count__gt=0).update(
                        reaction_count=F("reaction_count") - 1
                    )
                _notify_author_later(locked, event="hidden")
            target.status, target.report_count = locked.status, locked.report_count
    except IntegrityError:
        return False
    return True


@transaction.atomic
def moderation_decide(*, item, moderator, decision: str) -> None:
    """A neighbourhood moderator restores ("restore") or removes ("remove") a hidden item."""
    model = type(item)
    locked = model.objects.select_for_update().get(pk=item.pk)
    was_counted = locked.status == Status.VISIBLE
    if decision == "restore":
        locked.status = Status.VISIBLE
        locked.report_count = 0
    elif decision == "remove":
        locked.status = Status.REMOVED
    else:
        raise ValueError(decision)
    locked.save(update_fields=["status", "report_count"])
    now = timezone.now()
    if model is Post:
        Report.objects.filter(post=locked, resolved_at__isnull=True).update(resolved_at=now)
    else:
        Report.objects.filter(reaction=locked, resolved_at__isnull=True).update(resolved_at=now)
        delta = int(locked.status == Status.VISIBLE) - int(was_counted)
        if delta:
            Post.objects.filter(pk=locked.post_id).update(
                reaction_count=F("reaction_count") + delta
            )
    item.status, item.report_count = locked.status, locked.report_count
    _notify_author_later(locked, event="restored" if decision == "restore" else "removed")


def _notify_author_later(item, *, event):
    item_id, model = item.pk, type(item)
    transaction.on_commit(lambda: notify_author(model=model, pk=item_id, event=event))


def notify_author(*, model, pk, event) -> None:
    """Tell the author, in their language, that their item was hidden, restored or removed."""
    item = model.objects.select_related("author").filter(pk=pk).first()
    if item is None or not item.author.email:
        return
    post = item if model is Post else item.post
    author = item.author
    with translation.override(author.language or settings.LANGUAGE_CODE):
        url = absolute_url(reverse("feed:post", args=[post.pk]))
    moderation_outcome.send(sender=model, item=item, post=post, event=event)
    email_send_to_user(
        user=author,
        kind="moderation",
        template="feed/emails/moderation",
        context={
            "author": author,
            "event": event,
            "is_post": model is Post,
            "title": post.title,
            "url": url,
        },
    )
