"""The feed's part of "download my data" and "delete my account" (registered in apps.py)."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData

from .models import Post, Reaction, Report, Thanks
from .services import post_delete


def export(*, user):
    from privacy.serialize import rows, section

    posts = rows(
        Post.objects.filter(author=user),
        "id",
        "neighbourhood__name",
        "category",
        "title",
        "body",
        "image",
        "created_at",
        "edited_at",
        "status",
    )
    reactions = rows(
        Reaction.objects.filter(author=user), "post_id", "body", "created_at", "edited_at"
    )
    thanks = rows(Thanks.objects.filter(user=user), "post_id", "created_at")
    reports = rows(Report.objects.filter(reporter=user), "reason", "details", "created_at")
    return section(
        _("Neighbourhood feed"),
        [{"posts": posts}, {"reactions": reactions}, {"thanks": thanks}, {"reports": reports}],
    )


def files(*, user):
    for post in Post.objects.filter(author=user).exclude(image=""):
        yield (
            f"feed/{post.pk}-{post.image.name.rsplit('/', 1)[-1]}",
            post.image.storage,
            post.image.name,
        )


def erase(*, user):
    for post in Post.objects.filter(author=user):
        post_delete(post=post)  # photos go when the transaction commits
    post_ids = list(Thanks.objects.filter(user=user).values_list("post_id", flat=True))
    Thanks.objects.filter(user=user).delete()
    Post.objects.filter(pk__in=post_ids).update(thanks_count=F("thanks_count") - 1)
    Report.objects.filter(reporter=user).delete()


ENTRY = PersonalData(
    app="feed",
    order=10,
    export=export,
    erase=erase,
    files=files,
    erased=(_("your posts and their photos, your thanks and your reports"),),
    anonymised=(_("your reactions under other people's posts"),),
)
