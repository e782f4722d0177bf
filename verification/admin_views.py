"""Wagtail admin views for verification staff: register import, letter batches, request queue."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import audit_record
from neighbourhoods.staff_admin import staff_view

from . import exports, forms, selectors, services
from .models import LetterCode, LetterCodeBatch, VerificationRequest
from .permissions import can_manage_verification

staff_only = staff_view(can_manage_verification)


def _render(request, template, title, context=None, status=200):
    return TemplateResponse(
        request,
        template,
        {"page_title": title, "header_title": title, "header_icon": "key", **(context or {})},
        status=status,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def register_import(request):
    form = forms.RegisterImportForm(request.POST or None, request.FILES or None)
    report = imported = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        if form.cleaned_data["action"] == form.IMPORT:
            report = services.address_register_import(raw=raw)
            imported = report.ok
            if imported:
                messages.success(
                    request,
                    _("%(new)s new addresses imported, %(same)s already in the register.")
                    % {"new": len(report.new), "same": report.unchanged},
                )
        else:
            report = services.address_register_check(raw=raw)
    return _render(
        request,
        "verification/admin/register_import.html",
        _("Import the address register"),
        {
            "form": form,
            "report": report,
            "imported": imported,
            "errors_shown": report.errors[:500] if report else [],
            "new_shown": report.new[:50] if report else [],
        },
    )


@staff_only
def batch_list(request):
    page = Paginator(selectors.batches_with_counts(), 50).get_page(request.GET.get("p"))
    return _render(
        request, "verification/admin/batch_list.html", _("Letter codes"), {"page_obj": page}
    )


@staff_only
@require_http_methods(["GET", "POST"])
def batch_create(request):
    form = forms.BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch, pairs = services.letter_batch_create(
            neighbourhood=data["neighbourhood"],
            created_by=request.user,
            language=data["language"],
            valid_days=data["valid_days"],
            max_members=data["max_members"],
            scope=data["scope"],
        )
        if not pairs:
            messages.warning(request, _("No address matched: no letter was generated."))
            return redirect("verification_admin:batches")
        audit_record(
            actor=request.user,
            action=f"letter_codes.{data['output']}",
            target=f"batch {batch.pk} · {batch.neighbourhood.code}",
            rows=len(pairs),
        )
        if data["output"] == "csv":
            return exports.codes_csv_response(batch=batch, pairs=pairs)
        return exports.letters_response(batch=batch, pairs=pairs)
    return _render(
        request,
        "verification/admin/batch_create.html",
        _("Generate letter codes"),
        {"form": form},
    )


@staff_only
def batch_detail(request, pk):
    batch = get_object_or_404(selectors.batches_with_counts(), pk=pk)
    page = Paginator(selectors.codes_of_batch(batch=batch), 100).get_page(request.GET.get("p"))
    return _render(
        request,
        "verification/admin/batch_detail.html",
        str(batch),
        {"batch": batch, "page_obj": page},
    )


@staff_only
@require_POST
def batch_revoke(request, pk):
    batch = get_object_or_404(LetterCodeBatch, pk=pk)
    count = services.letter_batch_revoke(batch=batch)
    messages.success(request, _("%(count)s codes cancelled.") % {"count": count})
    return redirect("verification_admin:batch", pk=batch.pk)


@staff_only
@require_POST
def code_revoke(request, pk):
    letter_code = get_object_or_404(LetterCode, pk=pk)
    services.letter_code_revoke(letter_code=letter_code)
    messages.success(
        request, _("Code for %(address)s cancelled.") % {"address": letter_code.address}
    )
    return redirect("verification_admin:batch", pk=letter_code.batch_id)


@staff_only
def queue(request):
    filters = forms.QueueFilterForm(request.GET or {"status": "pending"})
    status, hood = "pending", None
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        hood = filters.cleaned_data["neighbourhood"]
    query = selectors.requests_queue(status=status, neighbourhood_id=hood.pk if hood else None)
    page = Paginator(query, 50).get_page(request.GET.get("p"))
    return _render(
        request,
        "verification/admin/queue.html",
        _("Requests for a letter"),
        {"filters": filters, "page_obj": page, "querystring": _querystring(request)},
    )


def _querystring(request):
    params = request.GET.copy()
    params.pop("p", None)
    return params.urlencode()


@staff_only
@require_POST
def request_send_letter(request, pk):
    request_obj = get_object_or_404(VerificationRequest, pk=pk)
    try:
        batch, pairs = services.verification_request_send_letter(
            request_obj=request_obj, staff=request.user
        )
    except services.RequestNotPending:
        messages.error(request, _("This request was already handled."))
        return redirect("verification_admin:queue")
    except services.RequestAddressUnknown:
        messages.error(
            request,
            _(
                "This address is not in the register. Add it to the register first, or reject "
                "the request with a reason."
            ),
        )
        return redirect("verification_admin:queue")
    audit_record(
        actor=request.user,
        action="letter_codes.request_letter",
        target=f"batch {batch.pk} · request {request_obj.pk}",
        rows=len(pairs),
    )
    return exports.letters_response(batch=batch, pairs=pairs)


@staff_only
@require_http_methods(["GET", "POST"])
def request_reject(request, pk):
    request_obj = get_object_or_404(
        VerificationRequest.objects.select_related("user"),
        pk=pk,
        status=VerificationRequest.Status.PENDING,
    )
    form = forms.RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verification_request_reject(
                request_obj=request_obj, staff=request.user, reason=form.cleaned_data["reason"]
            )
        except services.RequestNotPending:
            messages.error(request, _("This request was already handled."))
        else:
            messages.success(request, _("Request rejected; the resident has been told why."))
        return redirect("verification_admin:queue")
    return _render(
        request,
        "verification/admin/request_reject.html",
        _("Reject a request"),
        {"form": form, "request_obj": request_obj},
    )
