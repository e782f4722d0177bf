from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.throttle import login_throttle
from neighbourhoods.permissions import is_city_staff
from neighbourhoods.registry import personal_data_sources

from . import services
from .forms import DeleteAccountForm
from .models import DataExport


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """ "Download my data": ask for the ZIP; the worker builds it and e-mails a link."""
    if request.method == "POST":
        services.data_export_request(user=request.user)
        messages.success(
            request,
            _(
                "We are preparing your data. You will receive an e-mail with a download link "
                "in a few minutes."
            ),
        )
        return redirect("privacy:my_data")
    latest = DataExport.objects.filter(user=request.user).first()
    return render(request, "privacy/my_data.html", {"latest": latest})


@never_cache
@login_required
def download(request, token):
    export = services.export_for_token(token=token, user=request.user)
    if export is None:
        raise Http404
    response = FileResponse(
        export.archive.open("rb"),
        as_attachment=True,
        filename=f"mes-donnees-{export.ready_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if is_city_staff(request.user):
        # Staff accounts are closed by a superuser in the users admin, not here.
        raise Http404
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        if login_throttle.is_blocked(ip="", account=user.email):
            form.add_error(None, _("Too many failed attempts. Please wait 15 minutes."))
        elif form.is_valid():
            services.account_delete(user=user)
            logout(request)
            messages.success(request, _("Your account is deleted. Goodbye, and thank you."))
            return redirect("/")
        else:
            login_throttle.record_failure(ip="", account=user.email)
    sources = personal_data_sources()
    return render(
        request,
        "privacy/delete_account.html",
        {
            "form": form,
            "erased": [s for source in sources for s in source.erased],
            "anonymised": [s for source in sources for s in source.anonymised],
            "kept": [s for source in sources for s in source.kept],
        },
        status=400 if form.errors else 200,
    )
