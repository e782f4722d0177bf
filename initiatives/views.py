import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from neighbourhoods.selectors import active_membership

from . import selectors, services
from .forms import HelperForm
from .models import CallForInitiativesPage, HelperSignup, Initiative, InitiativeDraft
from .permissions import (
    can_submit_initiative,
    can_view_initiative,
    is_organiser,
    is_verified_resident,
)
from .wizard import InitiativeWizard, draft_discard_files


def _resident_required(request):
    if not is_verified_resident(request.user):
        raise PermissionDenied(_("Only verified residents can do this."))


@login_required
def initiative_start(request, call_id):
    call = get_object_or_404(CallForInitiativesPage.objects.live(), pk=call_id).original()
    _resident_required(request)
    if not can_submit_initiative(request.user, call):
        return render(request, "initiatives/closed.html", {"call": call}, status=403)
    if request.method == "POST":
        draft = services.draft_start(owner=request.user, call=call)
        return redirect("initiatives:wizard", draft_id=draft.pk)
    return render(request, "initiatives/start.html", {"call": call})


_wizard = InitiativeWizard.as_view()


@login_required
def initiative_wizard(request, draft_id):
    _resident_required(request)
    # Someone else's draft does not exist, as far as this person can tell.
    draft = get_object_or_404(
        InitiativeDraft.objects.select_related("call"), pk=draft_id, owner=request.user
    )
    request.initiative_draft = draft
    return _wizard(request)


@login_required
@require_POST
def draft_delete(request, draft_id):
    draft = get_object_or_404(InitiativeDraft, pk=draft_id, owner=request.user)
    draft_discard_files(draft)
    services.draft_delete(draft=draft)
    messages.success(request, _("The draft is deleted."))
    return redirect("initiatives:mine")


@login_required
def my_initiatives(request):
    _resident_required(request)
    return render(
        request,
        "initiatives/mine.html",
        {
            "drafts": selectors.drafts_of(user=request.user),
            "initiatives": selectors.initiatives_of(user=request.user),
        },
    )


@login_required
def thanks(request, pk):
    initiative = get_object_or_404(Initiative, pk=pk, submitter=request.user)
    return render(request, "initiatives/thanks.html", {"initiative": initiative})


def _visible_initiative(request, pk):
    initiative = get_object_or_404(
        Initiative.objects.select_related("neighbourhood", "call"), pk=pk
    )
    if not can_view_initiative(request.user, initiative):
        raise Http404
    return initiative


def initiative_detail(request, pk):
    initiative = _visible_initiative(request, pk)
    membership = active_membership(user=request.user)
    resident = is_verified_resident(request.user)
    context = {
        "initiative": initiative,
        "support_count": selectors.support_count(initiative=initiative),
        "threshold": initiative.call.support_threshold,
        "is_resident": resident,
        "is_organiser": is_organiser(request.user, initiative),
        "supported": resident
        and selectors.household_supports(initiative=initiative, household=membership.household),
        "helping": resident
        and HelperSignup.objects.filter(initiative=initiative, user=request.user).first(),
        "helper_form": HelperForm(),
        "supportable": initiative.status in Initiative.SUPPORTABLE,
    }
    return render(request, "initiatives/detail.html", context)


def initiative_image(request, pk):
    initiative = _visible_initiative(request, pk)
    if not initiative.image:
        raise Http404
    content_type = mimetypes.guess_type(initiative.image.name)[0] or "application/octet-stream"
    response = FileResponse(initiative.image.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def initiative_support(request, pk):
    initiative = _visible_initiative(request, pk)
    try:
        services.initiative_support(initiative=initiative, user=request.user)
    except services.AlreadySupported as error:
        messages.info(request, " ".join(error.messages))
    except services.InitiativeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: your household supports this initiative."))
    return redirect("initiatives:detail", pk=initiative.pk)


@login_required
@require_POST
def initiative_unsupport(request, pk):
    initiative = _visible_initiative(request, pk)
    services.initiative_unsupport(initiative=initiative, user=request.user)
    messages.success(request, _("Your household no longer supports this initiative."))
    return redirect("initiatives:detail", pk=initiative.pk)


@login_required
@require_POST
def initiative_help(request, pk):
    initiative = _visible_initiative(request, pk)
    if "withdraw" in request.POST:
        services.helper_withdraw(initiative=initiative, user=request.user)
        messages.success(request, _("You are no longer listed as a helper."))
        return redirect("initiatives:detail", pk=initiative.pk)
    form = HelperForm(request.POST)
    if form.is_valid():
        try:
            services.helper_sign_up(
                initiative=initiative,
                user=request.user,
                share_contact=form.cleaned_data["share_contact"],
            )
        except services.InitiativeError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for offering to help."))
    return redirect("initiatives:detail", pk=initiative.pk)


@login_required
def initiative_organisers(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("neighbourhood"), pk=pk)
    if not is_organiser(request.user, initiative):
        raise Http404
    shared, anonymous = selectors.helpers_for_organisers(initiative=initiative)
    return render(
        request,
        "initiatives/organisers.html",
        {
            "initiative": initiative,
            "support_count": selectors.support_count(initiative=initiative),
            "helpers": shared,
            "anonymous_helpers": anonymous,
        },
    )


@login_required
def invitation(request, token):
    try:
        payload = signing.loads(token, salt="initiatives.invite", max_age=60 * 60 * 24 * 30)
        invite_id = int(payload["invite"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return render(request, "initiatives/invitation_invalid.html", status=400)
    if request.method != "POST":
        return render(request, "initiatives/invitation.html", {"token": token})
    try:
        initiative = services.co_organiser_confirm(invite_id=invite_id, user=request.user)
    except services.InitiativeError:
        return render(request, "initiatives/invitation_invalid.html", status=400)
    messages.success(request, _("You are now a co-organiser of this initiative."))
    return redirect("initiatives:organisers", pk=initiative.pk)
