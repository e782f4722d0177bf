from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from formtools.wizard.views import SessionWizardView

from audit.services import audit_record

from .forms import BallotForm, ReviewForm
from .pages import BudgetRoundPage, Phase
from .permissions import can_see_results, can_tally, voter_eligibility
from .selectors import (
    household_has_voted,
    round_election,
    round_for_ballot,
    round_results,
    round_scopes,
    round_tallied,
    round_turnout,
    scope_for,
    scope_money,
)
from .services import BallotInvalid, BallotRefused, ballot_cast
from .tally_adapter import dump_pabulib

SITE_TTL = 60


def _preload_site(request) -> None:
    """The Wagtail site and portal settings the base template reads, from the cache.

    Finding the site and loading its settings were two queries and a third of a wizard step's
    time; in the ballot flow they come from the cache (an edit of the portal settings shows on
    these pages within a minute)."""
    from wagtail.models import Site

    from home.models import PortalSettings

    key = f"budgets:site:{request.get_host()}"
    cached = cache.get(key)
    if cached is None:
        cache.set(
            key, (Site.find_for_request(request), PortalSettings.for_request(request)), SITE_TTL
        )
        return
    site, portal_settings = cached
    request._wagtail_site = site
    portal_settings._request = request
    setattr(request, PortalSettings.get_cache_attr_name(), portal_settings)


def _round(pk) -> BudgetRoundPage:
    # BudgetRoundPage's own manager already gives the specific page: one query, not two.
    return get_object_or_404(BudgetRoundPage.objects.live(), pk=pk)


def _cannot_vote(request, budget, eligibility_or_message, status=403):
    reason = getattr(eligibility_or_message, "reason", eligibility_or_message)
    code = getattr(eligibility_or_message, "code", "")
    return render(
        request,
        "budgets/cannot_vote.html",
        {"budget": budget, "reason": reason, "code": code},
        status=status,
    )


class BallotWizard(SessionWizardView):
    """Step 1: choose — step 2: review — then the confirmation page (step 3).

    formtools re-validates every step's form before `done()`, and `ballot_cast` checks the rule
    again inside the transaction: no way to skip a check by posting straight to the last step.
    """

    form_list = [("choose", BallotForm), ("review", ReviewForm)]
    templates = {"choose": "budgets/ballot_choose.html", "review": "budgets/ballot_review.html"}

    def dispatch(self, request, *args, pk, **kwargs):
        try:
            self.budget = round_for_ballot(pk=pk)
        except BudgetRoundPage.DoesNotExist:
            raise Http404
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _preload_site(request)
        eligibility = voter_eligibility(user=request.user, budget=self.budget)
        if not eligibility.allowed:
            return _cannot_vote(request, self.budget, eligibility)
        self.membership = eligibility.membership
        self.scope = scope_for(budget=self.budget, neighbourhood=self.membership.neighbourhood)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        # One wizard state per round, so two rounds open in two tabs don't mix.
        return f"budget_ballot_{self.budget.pk}"

    def get_template_names(self):
        return [self.templates[self.steps.current]]

    def get_form_kwargs(self, step=None):
        if step == "choose":
            return {"budget": self.budget, "scope": self.scope}
        return {}

    def post(self, *args, **kwargs):
        # formtools trusts the posted step name; an unknown one would crash it: show the
        # current step again instead.
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step not in self.get_form_list():
            return self.render(self.get_form())
        # "Update the total" (no JavaScript): show the running total, stay on this step.
        if self.request.POST.get("recalculate") and self.steps.current == "choose":
            form = self.get_form(data=self.request.POST)
            self.storage.set_step_data(self.steps.current, self.process_step(form))
            return self.render(form)
        return super().post(*args, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            budget=self.budget,
            scope=self.scope,
            money=scope_money(budget=self.budget, scope=self.scope),
            step_number=self.steps.step1,
            step_total=3,
        )
        if self.steps.current == "review":
            choose = self.get_form(
                step="choose",
                data=self.storage.get_step_data("choose"),
            )
            if choose.is_valid():
                ballot = choose.cleaned_data["ballot"]
                context["choices"] = [(choose.by_code[code], points) for code, points in ballot]
                context["total_cost"] = sum(choose.by_code[c].cost for c, _p in ballot)
                context["rule"] = self.budget.ballot_rule
        return context

    def done(self, form_list, form_dict=None, **kwargs):
        choose = form_dict["choose"]
        household = self.membership.household
        if household.neighbourhood_id == self.membership.neighbourhood_id:
            household.neighbourhood = self.membership.neighbourhood  # already loaded
        try:
            ballot_cast(
                budget=self.budget,
                household=household,
                choices=choose.raw_choices(),
            )
        except BallotRefused as exc:
            return _cannot_vote(self.request, self.budget, exc.message, status=409)
        except BallotInvalid as exc:
            messages.error(self.request, str(exc))
            return redirect("budgets:vote", pk=self.budget.pk)
        return redirect("budgets:voted", pk=self.budget.pk)


ballot_wizard = BallotWizard.as_view()


def voted(request, pk):
    """Step 3 of 3: the confirmation. It says the household voted, never what it chose."""
    budget = _round(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    eligibility = voter_eligibility(user=request.user, budget=budget, check_voted=False)
    membership = eligibility.membership
    if membership is None or not household_has_voted(budget=budget, household=membership.household):
        return redirect(budget.url or "/")
    return render(
        request,
        "budgets/ballot_done.html",
        {"budget": budget, "step_number": 3, "step_total": 3},
    )


def results(request, pk):
    budget = _round(pk)
    if not can_see_results(request.user, budget):
        if budget.phase() in (Phase.CLOSED, Phase.VOTING, Phase.PROJECTS, Phase.DRAFT):
            return render(request, "budgets/results_pending.html", {"budget": budget}, status=404)
        raise Http404
    staff = can_tally(request.user)
    if budget.phase() not in (Phase.CLOSED, Phase.RESULTS) and not staff:
        raise Http404
    return render(
        request,
        "budgets/results.html",
        {
            "budget": budget,
            "results": round_results(budget=budget),
            "turnout": round_turnout(budget=budget),
            "staff": staff,
            "published": budget.phase() == Phase.RESULTS,
            "scopes": [s for s, _m in round_scopes(budget=budget)],
            "tallied": round_tallied(budget=budget),
        },
    )


def export_pabulib(request, pk):
    """The round's anonymised ballots as a pabulib file (open data once results are public;
    staff may download it as soon as voting has closed)."""
    budget = _round(pk)
    phase = budget.phase()
    allowed = phase == Phase.RESULTS or (phase == Phase.CLOSED and can_tally(request.user))
    if not allowed:
        raise Http404
    scopes = {s.pk if s else None: s for s, _m in round_scopes(budget=budget)}
    wanted = request.GET.get("quartier")
    key = None
    if budget.is_per_neighbourhood:
        try:
            key = int(wanted) if wanted else next(iter(scopes))
        except ValueError:
            raise Http404
        if key not in scopes:
            raise Http404
    election = round_election(budget=budget, scope=scopes[key])
    text = dump_pabulib(election)
    if request.user.is_authenticated:  # public open data: anonymous downloads are not logged
        audit_record(
            actor=request.user,
            action="budgets.export_pabulib",
            target=f"budget {budget.pk} · {scopes[key].code if scopes[key] else 'city'}",
            rows=len(election.ballots),
        )
    name = f"mons_{budget.slug}" + (f"_{scopes[key].code}" if scopes[key] else "") + ".pb"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def round_redirect(request, pk):
    budget = _round(pk)
    return redirect(budget.url or reverse("budgets:results", args=[pk]))
