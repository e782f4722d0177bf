from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from neighbourhoods.permissions import resident_membership

from . import selectors, services
from .forms import ConsentForm, FindHelpForm, MessageForm, OfferForm
from .models import HelpContact
from .permissions import can_read_contact


def _member_or_403(request):
    membership = resident_membership(request.user)
    if membership is None:
        raise PermissionDenied(_("Neighbour help is for verified residents."))
    return membership


def feed_help_request_url(neighbourhood):
    """Where a resident posts a help request in the feed (the feed app owns it)."""
    try:
        return reverse("feed:create", kwargs={"code": neighbourhood.code}) + "?category=help"
    except NoReverseMatch:
        pass
    try:
        return reverse("feed:home")
    except NoReverseMatch:
        return "/"


@login_required
def care_home(request):
    membership = _member_or_403(request)
    form = FindHelpForm(request.GET or None)
    page_obj = None
    if form.is_valid():
        offers = selectors.offers_matching(
            neighbourhood=membership.neighbourhood,
            skill=form.cleaned_data["skill"],
            exclude_user=request.user,
        )
        page_obj = Paginator(offers, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "care/home.html",
        {
            "form": form,
            "page_obj": page_obj,
            "neighbourhood": membership.neighbourhood,
            "my_offer": selectors.offer_of(user=request.user),
            "my_consent": selectors.consent_of(user=request.user),
            "help_request_url": feed_help_request_url(membership.neighbourhood),
        },
    )


@login_required
def my_offer(request):
    _member_or_403(request)
    offer = selectors.offer_of(user=request.user)
    initial = {}
    if offer and offer.active:
        initial = {"skills": list(offer.skills.all()), "availability": offer.availability}
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(user=request.user, **form.cleaned_data)
        except services.CareError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your help offer is saved. Thank you!"))
            return redirect("care:home")
    return render(request, "care/offer.html", {"form": form, "offer": offer})


@login_required
@require_POST
def offer_withdraw(request):
    _member_or_403(request)
    services.offer_withdraw(user=request.user)
    messages.success(request, _("Your help offer is withdrawn."))
    return redirect("care:home")


@login_required
def volunteer(request):
    _member_or_403(request)
    consent = selectors.consent_of(user=request.user)
    initial = {"consent": True, "share_name": True}
    if consent:
        initial = {
            "consent": True,
            "share_name": consent.share_name,
            "share_email": consent.share_email,
            "share_phone": consent.share_phone,
            "phone": consent.phone,
        }
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("consent")
        try:
            services.consent_give(user=request.user, **data)
        except services.CareError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the city may call on you as a volunteer."))
            return redirect("care:home")
    return render(request, "care/volunteer.html", {"form": form, "consent": consent})


@login_required
@require_POST
def volunteer_withdraw(request):
    _member_or_403(request)
    services.consent_withdraw(user=request.user)
    messages.success(request, _("Your consent is withdrawn. The city will no longer call on you."))
    return redirect("care:home")


@login_required
def contact(request, offer_id):
    membership = _member_or_403(request)
    offer = get_object_or_404(
        selectors.offers_matching(
            neighbourhood=membership.neighbourhood, exclude_user=request.user
        ),
        pk=offer_id,
    )
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.contact_send(
                sender=request.user, offer=offer, body=form.cleaned_data["body"]
            )
        except services.CareError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("care:conversation", pk=sent.pk)
    return render(request, "care/contact.html", {"form": form, "offer": offer})


@login_required
def conversations(request):
    membership = _member_or_403(request)
    conversations = selectors.conversations_of(
        user=request.user, neighbourhood=membership.neighbourhood
    )
    page_obj = Paginator(conversations, 25).get_page(request.GET.get("page"))
    return render(request, "care/conversations.html", {"page_obj": page_obj})


@login_required
def conversation(request, pk):
    _member_or_403(request)
    contact = get_object_or_404(HelpContact.objects.select_related("sender", "recipient"), pk=pk)
    if not can_read_contact(request.user, contact):
        raise Http404
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_reply(
                sender=request.user, contact=contact, body=form.cleaned_data["body"]
            )
        except services.CareError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("care:conversation", pk=contact.pk)
    thread = list(selectors.thread(contact=contact)[:200])
    services.contacts_mark_read(user=request.user, contacts=thread)
    other = contact.recipient if contact.sender_id == request.user.pk else contact.sender
    return render(
        request,
        "care/conversation.html",
        {"contact": contact, "thread": thread, "other": other, "form": form},
    )


def callout_answer(request, token):
    """A volunteer answers from the link in their e-mail. GET shows, only POST changes."""
    try:
        delivery = services.callout_delivery_from_token(token)
    except services.CallOutLinkError as error:
        status = 410 if error.reason in ("expired", "withdrawn") else 400
        return render(
            request, "care/callout_link_invalid.html", {"reason": error.reason}, status=status
        )
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in ("yes", "no"):
            messages.error(request, _("Choose yes or no."))
        else:
            services.callout_answer(token=token, answer=answer)
            return render(
                request,
                "care/callout_answered.html",
                {"callout": delivery.callout, "answer": answer},
            )
    return render(
        request, "care/callout_answer.html", {"callout": delivery.callout, "delivery": delivery}
    )
