"""Thin views: participants only (verified members, never staff); 404 for anyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from feed.selectors import post_for_user

from . import selectors, services
from .forms import MessageForm, ReportForm
from .permissions import is_open, is_resident


def member_view(view):
    @login_required
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not is_resident(request.user):
            raise PermissionDenied(_("Conversations are for verified residents."))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _own(request, pk):
    conversation = selectors.conversation_for(user=request.user, pk=pk)
    if conversation is None:
        raise Http404
    return conversation


@member_view
def conversation_list(request):
    conversations = selectors.conversations_of(user=request.user)
    return render(
        request,
        "conversations/list.html",
        {"conversations": [(c, c.other_than(request.user)) for c in conversations]},
    )


@member_view
@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = _own(request, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_send(
                    conversation=conversation, sender=request.user, body=form.cleaned_data["body"]
                )
            except services.ConversationError as error:
                form.add_error("body", str(error))
            else:
                messages.success(request, _("Your message is sent."))
                return redirect("conversations:detail", pk=conversation.pk)
        status = 400
    return render(
        request,
        "conversations/detail.html",
        {
            "conversation": conversation,
            "neighbour": conversation.other_than(request.user),
            "thread": conversation.messages.select_related("sender"),
            "form": form,
            "open": is_open(conversation),
        },
        status=status,
    )


@member_view
@require_http_methods(["GET", "POST"])
def start_from_post(request, post_id):
    """ "Write to the author" under a neighbour's post."""
    post = post_for_user(user=request.user, pk=post_id)  # 404 outside the neighbourhood
    if post.author_id == request.user.pk:
        raise Http404
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                conversation = services.conversation_start(
                    sender=request.user,
                    recipient=post.author,
                    body=form.cleaned_data["body"],
                    post=post,
                )
            except services.ConversationError as error:
                form.add_error("body", str(error))
            else:
                messages.success(request, _("Your message is sent."))
                return redirect("conversations:detail", pk=conversation.pk)
        status = 400
    return render(
        request,
        "conversations/start.html",
        {"post": post, "neighbour": post.author, "form": form},
        status=status,
    )


@member_view
@require_POST
def block(request, pk):
    conversation = _own(request, pk)
    services.neighbour_block(blocker=request.user, blocked=conversation.other_than(request.user))
    messages.success(request, _("This neighbour can no longer write to you."))
    return redirect("conversations:detail", pk=conversation.pk)


@member_view
@require_http_methods(["GET", "POST"])
def report(request, pk):
    conversation = _own(request, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.conversation_report(
                    conversation=conversation,
                    reporter=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.ConversationError as error:
                form.add_error("reason", str(error))
            else:
                messages.success(request, _("Thank you. The neighbourhood moderators are told."))
                return redirect("conversations:detail", pk=conversation.pk)
        status = 400
    return render(
        request,
        "conversations/report.html",
        {"conversation": conversation, "form": form},
        status=status,
    )


@member_view
def reported(request, report_id):
    """A neighbourhood moderator reads a conversation one of its participants reported."""
    from neighbourhoods.permissions import can_moderate

    from .models import ConversationReport

    report_obj = (
        ConversationReport.objects.select_related(
            "conversation__neighbourhood", "conversation__starter", "conversation__other"
        )
        .filter(pk=report_id, resolved_at__isnull=True)
        .first()
    )
    if report_obj is None or not can_moderate(request.user, report_obj.conversation.neighbourhood):
        raise Http404
    conversation = report_obj.conversation
    return render(
        request,
        "conversations/reported.html",
        {
            "report": report_obj,
            "conversation": conversation,
            "thread": conversation.messages.select_related("sender"),
        },
    )
