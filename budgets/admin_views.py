"""Staff screens in the Wagtail admin: rounds, paper ballots, .pb import, the round's key and
the tally (the returning officer's screens)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from neighbourhoods.staff_admin import staff_view

from .forms import BallotForm, PabulibImportForm, PaperBallotAddressForm, RoundKeyForm, TallyForm
from .models import Ballot, RoundKey, SealedBallot
from .pages import BudgetRoundPage
from .permissions import can_enter_paper_ballots, can_import_ballots, can_tally
from .services import (
    BallotInvalid,
    BallotRefused,
    ImportRefused,
    TallyRefused,
    ballots_import_pabulib,
    paper_ballot_enter,
    round_key_create,
    round_tally,
)


@staff_view(can_enter_paper_ballots, can_import_ballots, can_tally)
def rounds_index(request):
    rounds = list(BudgetRoundPage.objects.order_by("-voting_opens_at").specific())
    counts = {}
    for model in (Ballot, SealedBallot):
        for key, n in (
            model.objects.values_list("round_key")
            .annotate(n=Count("id"))
            .values_list("round_key", "n")
        ):
            counts[key] = counts.get(key, 0) + n
    keys = {k.round_key: k for k in RoundKey.objects.all()}
    rows = (
        [
            (r, counts.get(r.translation_key, 0), keys.get(r.translation_key))
            for r in rounds
            if r.locale_id == rounds[0].locale_id
        ]
        if rounds
        else []
    )
    return render(request, "budgets/admin/rounds.html", {"rows": rows})


def _scope_choice(request, budget):
    """A per-neighbourhood round: the neighbourhood chosen with ?quartier=pk (or None)."""
    if not budget.is_per_neighbourhood:
        return None, []
    options = [a.neighbourhood for a in budget.areas.select_related("neighbourhood")]
    wanted = request.GET.get("quartier") or request.POST.get("quartier")
    for hood in options:
        if str(hood.pk) == str(wanted):
            return hood, options
    return None, options


@staff_view(can_enter_paper_ballots)
def paper_ballot(request, pk):
    budget = get_object_or_404(BudgetRoundPage, pk=pk).specific
    scope, options = _scope_choice(request, budget)
    if budget.is_per_neighbourhood and scope is None:
        return render(
            request, "budgets/admin/paper_scope.html", {"budget": budget, "options": options}
        )
    ballot_form = BallotForm(request.POST or None, budget=budget, scope=scope, prefix="ballot")
    address_form = PaperBallotAddressForm(request.POST or None, prefix="address")
    if request.method == "POST" and ballot_form.is_valid() and address_form.is_valid():
        address = address_form.cleaned_data["address"]
        try:
            paper_ballot_enter(
                budget=budget, choices=ballot_form.raw_choices(), scope=scope, address=address
            )
        except (BallotRefused, BallotInvalid) as exc:
            messages.error(request, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Paper ballot recorded."))
            url = request.path + (f"?quartier={scope.pk}" if scope else "")
            return redirect(url)
    return render(
        request,
        "budgets/admin/paper_ballot.html",
        {
            "budget": budget,
            "scope": scope,
            "ballot_form": ballot_form,
            "address_form": address_form,
        },
    )


@staff_view(can_import_ballots)
def import_pabulib(request, pk):
    budget = get_object_or_404(BudgetRoundPage, pk=pk).specific
    form = PabulibImportForm(request.POST or None, request.FILES or None, budget=budget)
    if request.method == "POST" and form.is_valid():
        try:
            summary = ballots_import_pabulib(
                budget=budget,
                data=form.cleaned_data["file"].read(),
                scope=form.cleaned_data.get("neighbourhood"),
                user=request.user,
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Imported %(ballots)d ballots and %(projects)d new projects.")
                % {"ballots": summary.ballots, "projects": summary.projects_created},
            )
            return redirect("budgets_admin:index")
    return render(request, "budgets/admin/import.html", {"budget": budget, "form": form})


@staff_view(can_tally)
def round_key(request, pk):
    """Create the round's key pair; the private key is shown once, here, and never stored."""
    budget = get_object_or_404(BudgetRoundPage, pk=pk).specific
    existing = RoundKey.objects.filter(round_key=budget.round_key).first()
    form = RoundKeyForm(request.POST or None)
    pair = None
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            pair = round_key_create(budget=budget, split=form.cleaned_data["split"])
        except TallyRefused as exc:
            messages.error(request, exc.message)
            return redirect("budgets_admin:key", pk=pk)
    response = render(
        request,
        "budgets/admin/round_key.html",
        {"budget": budget, "existing": existing, "form": form, "pair": pair},
    )
    # The page with the private key must not stay in any cache.
    response["Cache-Control"] = "no-store"
    return response


@staff_view(can_tally)
def tally(request, pk):
    """The returning officer gives the key back; the round's ballots are opened and counted."""
    budget = get_object_or_404(BudgetRoundPage, pk=pk).specific
    key = RoundKey.objects.filter(round_key=budget.round_key).first()
    form = TallyForm(request.POST or None, request.FILES or None, split=bool(key and key.split))
    if request.method == "POST" and form.is_valid():
        try:
            summary = round_tally(budget=budget, key_texts=form.key_texts())
        except TallyRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Round counted: %(n)d ballots opened.") % {"n": summary.ballots}
            )
            return redirect("budgets:results", pk=budget.pk)
    sealed = SealedBallot.objects.filter(round_key=budget.round_key).count()
    return render(
        request,
        "budgets/admin/tally.html",
        {"budget": budget, "form": form, "key": key, "sealed": sealed},
    )


__all__ = ["import_pabulib", "paper_ballot", "round_key", "rounds_index", "tally"]
