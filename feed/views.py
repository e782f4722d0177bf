"""Thin views: each asks feed.permissions (through feed.selectors) before anything else."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from neighbourhoods.models import Neighbourhood
from neighbourhoods.registry import post_actions
from neighbourhoods.uploads import content_type_for, too_big_message

from . import selectors, services
from .forms import CategoryFilterForm, PostForm, ReactionForm, ReportForm
from .models import Category, Status
from .permissions import (
    can_edit_post,
    can_edit_reaction,
    can_moderate,
    can_view_feed,
    is_city_staff,
    member_neighbourhood,
)

# Form fields besides the image: enough room for the longest allowed text, multipart overhead.
FORM_OVERHEAD_BYTES = 256 * 1024


def feed_view(view):
    """Logged in, never cached by a shared cache; the view itself checks the neighbourhood."""
    return login_required(never_cache(view))


def _require_post(request):
    if request.method != "POST":
        raise _MethodNotAllowed


class _MethodNotAllowed(Exception):
    pass


def post_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _MethodNotAllowed:
            return HttpResponseNotAllowed(["POST"])

    return wrapped


def _neighbourhood_for_member(request, code):
    neighbourhood = get_object_or_404(Neighbourhood, code=code)
    if not can_view_feed(request.user, neighbourhood):
        raise PermissionDenied(_("Only verified residents of this neighbourhood can see its feed."))
    return neighbourhood


def _too_big_form(**kwargs):
    """A form showing only "the image is too large" (the body was never read)."""
    from django.forms.utils import ErrorDict

    form = PostForm(**kwargs)
    form.cleaned_data, form._errors = {}, ErrorDict()
    form.add_error(None, too_big_message())
    return form


def _body_too_big(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    from django.conf import settings

    return length > settings.RESIDENT_IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES


@feed_view
def home(request):
    """My neighbourhood's feed; people who aren't members yet are sent to verify their address."""
    neighbourhood = member_neighbourhood(request.user)
    if neighbourhood is None:
        if is_city_staff(request.user):
            raise PermissionDenied(_("City staff accounts cannot see neighbourhood feeds."))
        messages.info(request, _("Verify your address to join your neighbourhood's feed."))
        return redirect("verification:start")
    return redirect("feed:neighbourhood", code=neighbourhood.code)


@feed_view
def neighbourhood_feed(request, code):
    neighbourhood = _neighbourhood_for_member(request, code)
    filter_form = CategoryFilterForm(request.GET or None)
    category = None
    if filter_form.is_bound and filter_form.is_valid():
        category = filter_form.cleaned_data["category"] or None
    page = selectors.feed_page(
        neighbourhood=neighbourhood, category=category, cursor=request.GET.get("before")
    )
    return render(
        request,
        "feed/feed.html",
        {
            "neighbourhood": neighbourhood,
            "feed": page,
            "filter_form": filter_form,
            "category": category,
            "thanked": selectors.thanked_post_ids(user=request.user, posts=page.entries),
            "form": PostForm(),
            "is_moderator": can_moderate(request.user, neighbourhood),
        },
    )


@feed_view
@require_http_methods(["GET", "POST"])
def post_create(request, code):
    neighbourhood = _neighbourhood_for_member(request, code)
    if request.method == "POST":
        if _body_too_big(request):
            form = _too_big_form()
            return render(
                request,
                "feed/post_form.html",
                {"form": form, "neighbourhood": neighbourhood},
                status=413,
            )
        form = PostForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                post = services.post_create(
                    author=request.user,
                    category=form.cleaned_data["category"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    image=form.clean_image_result,
                )
            except services.FeedError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your post is online. Your neighbours can see it."))
                return redirect("feed:post", pk=post.pk)
    else:
        initial = {}
        if request.GET.get("category") in Category.values:
            initial["category"] = request.GET["category"]
        form = PostForm(initial=initial)
    return render(request, "feed/post_form.html", {"form": form, "neighbourhood": neighbourhood})


@feed_view
def post_detail(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    return _render_detail(request, post, ReactionForm())


def _render_detail(request, post, reaction_form, status=200):
    return render(
        request,
        "feed/post_detail.html",
        {
            "post": post,
            "neighbourhood": post.neighbourhood,
            "reactions": selectors.reactions_for_post(post=post, user=request.user),
            "reaction_form": reaction_form,
            "has_thanked": selectors.has_thanked(user=request.user, post=post),
            "can_edit": can_edit_post(request.user, post),
            "is_moderator": can_moderate(request.user, post.neighbourhood),
            "post_actions": post_actions(),
        },
        status=status,
    )


def _own_post(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    if not can_edit_post(request.user, post):
        raise PermissionDenied(_("You can only change your own posts."))
    return post


@feed_view
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _own_post(request, pk)
    if request.method == "POST":
        if _body_too_big(request):
            form = _too_big_form(editing=True)
            return render(request, "feed/post_form.html", {"form": form, "post": post}, status=413)
        form = PostForm(request.POST, request.FILES, editing=True)
        if form.is_valid():
            services.post_update(
                post=post,
                title=form.cleaned_data["title"],
                category=form.cleaned_data["category"],
                body=form.cleaned_data["body"],
                image=form.clean_image_result,
                remove_image=form.cleaned_data.get("remove_image", False),
            )
            messages.success(request, _("Your post has been updated."))
            return redirect("feed:post", pk=post.pk)
    else:
        form = PostForm(
            editing=True,
            initial={"category": post.category, "title": post.title, "body": _editable(post.body)},
        )
    return render(
        request,
        "feed/post_form.html",
        {"form": form, "post": post, "neighbourhood": post.neighbourhood},
    )


def _editable(html):
    """Stored HTML back to what the resident typed: paragraphs → blank lines, <br> → newline."""
    text = html.replace("</p><p>", "\n\n").replace("<br>", "\n")
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        text = text[3:-4]
    return text


@feed_view
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    post = _own_post(request, pk)
    if request.method == "POST":
        code = post.neighbourhood.code
        services.post_delete(post=post)
        messages.success(request, _("Your post has been deleted."))
        return redirect("feed:neighbourhood", code=code)
    return render(
        request,
        "feed/confirm_delete.html",
        {
            "object": post,
            "kind": "post",
            "neighbourhood": post.neighbourhood,
            "cancel_url": reverse("feed:post", args=[post.pk]),
        },
    )


@feed_view
@post_only
def reaction_create(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    _require_post(request)
    form = ReactionForm(request.POST)
    if form.is_valid():
        try:
            services.reaction_create(post=post, author=request.user, body=form.cleaned_data["body"])
        except services.FeedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your reaction has been added."))
            return redirect(reverse("feed:post", args=[post.pk]) + "#reactions")
    return _render_detail(request, post, form, status=400)


def _own_reaction(request, pk):
    reaction = selectors.reaction_for_user(user=request.user, pk=pk)
    if not can_edit_reaction(request.user, reaction):
        raise PermissionDenied(_("You can only change your own reactions."))
    return reaction


@feed_view
@require_http_methods(["GET", "POST"])
def reaction_edit(request, pk):
    reaction = _own_reaction(request, pk)
    if request.method == "POST":
        form = ReactionForm(request.POST)
        if form.is_valid():
            services.reaction_update(reaction=reaction, body=form.cleaned_data["body"])
            messages.success(request, _("Your reaction has been updated."))
            url = reverse("feed:post", args=[reaction.post_id])
            return redirect(f"{url}#reaction-{reaction.pk}")
    else:
        form = ReactionForm(initial={"body": _editable(reaction.body)})
    return render(
        request,
        "feed/reaction_form.html",
        {"form": form, "reaction": reaction, "neighbourhood": reaction.post.neighbourhood},
    )


@feed_view
@require_http_methods(["GET", "POST"])
def reaction_delete(request, pk):
    reaction = _own_reaction(request, pk)
    if request.method == "POST":
        post_id = reaction.post_id
        services.reaction_delete(reaction=reaction)
        messages.success(request, _("Your reaction has been deleted."))
        return redirect("feed:post", pk=post_id)
    return render(
        request,
        "feed/confirm_delete.html",
        {
            "object": reaction,
            "kind": "reaction",
            "neighbourhood": reaction.post.neighbourhood,
            "cancel_url": reverse("feed:post", args=[reaction.post_id]),
        },
    )


@feed_view
@post_only
def thank(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    _require_post(request)
    if post.status != Status.VISIBLE:
        raise Http404
    try:
        if services.thanks_give(post=post, user=request.user):
            messages.success(request, _("Thank you! The author will see your thanks."))
        else:
            messages.info(request, _("You have already thanked this post."))
    except services.FeedError as error:
        messages.error(request, str(error))
    return redirect("feed:post", pk=post.pk)


def _report(request, *, post=None, reaction=None):
    target = post or reaction
    back = reverse("feed:post", args=[post.pk if post else reaction.post_id])
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                done = services.report_create(
                    reporter=request.user,
                    post=post,
                    reaction=reaction,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except services.FeedError as error:
                form.add_error(None, str(error))
            else:
                if done:
                    messages.success(
                        request, _("Thank you. The neighbourhood's moderators will have a look.")
                    )
                else:
                    messages.info(request, _("You have already reported this."))
                neighbourhood = (post or reaction.post).neighbourhood
                if target.status != Status.VISIBLE and not can_moderate(
                    request.user, neighbourhood
                ):
                    return redirect("feed:neighbourhood", code=neighbourhood.code)
                return redirect(back)
    else:
        form = ReportForm()
    return render(
        request,
        "feed/report_form.html",
        {
            "form": form,
            "target": target,
            "is_post": post is not None,
            "back": back,
            "neighbourhood": (post or reaction.post).neighbourhood,
        },
    )


@feed_view
@require_http_methods(["GET", "POST"])
def post_report(request, pk):
    return _report(request, post=selectors.post_for_user(user=request.user, pk=pk))


@feed_view
@require_http_methods(["GET", "POST"])
def reaction_report(request, pk):
    return _report(request, reaction=selectors.reaction_for_user(user=request.user, pk=pk))


@feed_view
def moderation_queue(request, code):
    neighbourhood = _neighbourhood_for_member(request, code)
    if not can_moderate(request.user, neighbourhood):
        raise PermissionDenied(_("Only this neighbourhood's moderators can see this page."))
    return render(
        request,
        "feed/moderation.html",
        {"neighbourhood": neighbourhood, **selectors.moderation_queue(neighbourhood=neighbourhood)},
    )


@feed_view
@post_only
def moderate(request, kind, pk, decision):
    if kind == "message":
        item = selectors.post_for_user(user=request.user, pk=pk)
        neighbourhood = item.neighbourhood
    else:
        item = selectors.reaction_for_user(user=request.user, pk=pk)
        neighbourhood = item.post.neighbourhood
    if not can_moderate(request.user, neighbourhood):
        raise PermissionDenied(_("Only this neighbourhood's moderators can do this."))
    _require_post(request)
    services.moderation_decide(item=item, moderator=request.user, decision=decision)
    if decision == "restore":
        messages.success(request, _("Restored: everyone in the neighbourhood can see it again."))
    else:
        messages.success(request, _("Removed. The author has been told."))
    return redirect("feed:moderation", code=neighbourhood.code)


@feed_view
def image(request, pk):
    """A post's photo, streamed only to those who may see the post."""
    post = selectors.post_for_user(user=request.user, pk=pk)
    if not post.image:
        raise Http404
    try:
        handle = post.image.storage.open(post.image.name, "rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, content_type=content_type_for(post.image.name))
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
