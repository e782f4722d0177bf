"""Every write of the citizen budget: casting a ballot, entering a paper ballot, importing a .pb,
creating a round's key and counting (tallying) the round with it.

A sealed ballot and its household's participation mark are written in one transaction; the
database's unique constraint on (round, household) decides who was first when two people of one
household press "confirm" at the same moment, and the other gets a clear answer. The sealed
ballot cannot be read without the returning officer's key; the tally opens them all and writes
the plain ballots in a random order, in one statement, then deletes the sealed ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from neighbourhoods.models import Household
from neighbourhoods.services import household_for_address
from portal.errors import ServiceRefusal
from portal.money import money as format_money

from . import sealing
from .models import Ballot, BallotSource, Participation, RoundKey, SealedBallot
from .pages import BallotRule, BudgetProject, BudgetRoundPage, Phase
from .selectors import round_key_row, round_neighbourhood_ids, round_projects, scope_money
from .tally_adapter import PabulibError, money_text, parse_pabulib


class BallotInvalid(ValueError):
    """The ballot breaks the round's rules; the message says what to change."""


class BallotRefused(ServiceRefusal):
    """This vote cannot be taken at all (dates, eligibility, already voted)."""


class ImportRefused(ServiceRefusal):
    """A .pb file that cannot go into this round; nothing was stored."""


def euros(amount: int) -> str:
    return format_money(amount)


def ballot_check(*, budget: BudgetRoundPage, scope, choices) -> list[list]:
    """Check `choices` against the round's ballot rule and return them normalised as
    [[project code, points], ...] (ranked: in rank order, first choice = k points).

    `choices`: approval/knapsack/ranked: a sequence of project codes (ranked: in order);
    cumulative: a mapping or sequence of (code, points) pairs. Raises BallotInvalid.
    """
    projects = {p.code: p for p in round_projects(budget=budget, neighbourhood=scope)}
    rule = budget.ballot_rule
    if rule == BallotRule.CUMULATIVE:
        pairs = list(choices.items()) if isinstance(choices, dict) else list(choices)
        try:
            pairs = [(str(code), int(points)) for code, points in pairs]
        except (TypeError, ValueError):
            raise BallotInvalid(_("Points must be whole numbers."))
        pairs = [(code, points) for code, points in pairs if points != 0]
    else:
        pairs = [(str(code), 1) for code in choices]
    codes = [code for code, _points in pairs]
    if any(code not in projects for code in codes):
        raise BallotInvalid(_("This ballot names a project that is not on your ballot."))
    if len(set(codes)) != len(codes):
        raise BallotInvalid(_("A project appears twice on this ballot."))

    if rule == BallotRule.APPROVAL:
        if len(codes) < budget.min_projects:
            raise BallotInvalid(
                ngettext(
                    "Choose at least %(n)d project.",
                    "Choose at least %(n)d projects.",
                    budget.min_projects,
                )
                % {"n": budget.min_projects}
            )
        if budget.max_projects and len(codes) > budget.max_projects:
            raise BallotInvalid(
                ngettext(
                    "Choose at most %(n)d project.",
                    "Choose at most %(n)d projects.",
                    budget.max_projects,
                )
                % {"n": budget.max_projects}
            )
        return [[code, 1] for code in codes]

    if rule == BallotRule.KNAPSACK:
        money = scope_money(budget=budget, scope=scope)
        total = sum(projects[code].cost for code in codes)
        if len(codes) < max(budget.min_projects, 1):
            raise BallotInvalid(
                ngettext(
                    "Choose at least %(n)d project.",
                    "Choose at least %(n)d projects.",
                    max(budget.min_projects, 1),
                )
                % {"n": max(budget.min_projects, 1)}
            )
        if total > money:
            raise BallotInvalid(
                _(
                    "Your projects cost %(total)s, more than the budget of %(budget)s. "
                    "Remove a project."
                )
                % {"total": euros(total), "budget": euros(money)}
            )
        minimum = money * budget.min_share_spent // 100
        if total < minimum:
            raise BallotInvalid(
                _(
                    "Your projects cost %(total)s; choose projects worth at least %(minimum)s "
                    "(%(share)d%% of the budget)."
                )
                % {
                    "total": euros(total),
                    "minimum": euros(minimum),
                    "share": budget.min_share_spent,
                }
            )
        return [[code, 1] for code in codes]

    if rule == BallotRule.CUMULATIVE:
        if any(points < 0 for _c, points in pairs):
            raise BallotInvalid(_("Points cannot be negative."))
        if any(points > budget.points_max_per_project for _c, points in pairs):
            raise BallotInvalid(
                _("You can give at most %(n)d points to one project.")
                % {"n": budget.points_max_per_project}
            )
        used = sum(points for _c, points in pairs)
        if used > budget.points_total:
            raise BallotInvalid(
                _("You gave %(used)d points but have %(n)d to share.")
                % {"used": used, "n": budget.points_total}
            )
        if used == 0:
            raise BallotInvalid(_("Give at least one point to a project."))
        return [[code, points] for code, points in pairs]

    # Ranked
    k = budget.rank_top_k
    if not codes:
        raise BallotInvalid(_("Choose your first choice."))
    if len(codes) > k:
        raise BallotInvalid(_("Rank at most %(n)d projects.") % {"n": k})
    return [[code, k - i] for i, code in enumerate(codes)]


def _check_voting_open(budget: BudgetRoundPage, *, phases=(Phase.VOTING,)) -> None:
    if budget.phase() not in phases:
        raise BallotRefused(_("Voting is not open for this round."), code="closed")


def _check_neighbourhood(budget: BudgetRoundPage, neighbourhood) -> None:
    ids = round_neighbourhood_ids(budget=budget)
    if ids and neighbourhood.pk not in ids:
        raise BallotRefused(
            _("This round is not open to residents of %(name)s.") % {"name": neighbourhood.name},
            code="neighbourhood",
        )


ALREADY_VOTED = "already_voted"


def already_voted_message() -> str:
    return _("Your household has already voted in this round: one ballot per household.")


def no_key_message() -> str:
    return _("Ballots cannot be taken yet: the returning officer has not created this round's key.")


def counted_message() -> str:
    return _("This round has been counted: no more ballots.")


def _round_key(budget) -> RoundKey:
    key = round_key_row(budget=budget)
    if key is None:
        raise BallotRefused(no_key_message(), code="no_key")
    if key.tallied_on is not None:
        raise BallotRefused(counted_message(), code="counted")
    return key


def _payload(*, scope, normalised, source) -> dict:
    return {"s": scope.pk if scope is not None else None, "c": normalised, "o": source}


def _write(*, budget, household, scope, normalised, source) -> None:
    key = _round_key(budget)
    sealed = sealing.seal(
        public=key.public_key, payload=_payload(scope=scope, normalised=normalised, source=source)
    )
    try:
        with transaction.atomic():
            if source != BallotSource.WEB:
                # Staff may enter paper ballots after voting closed: make sure the tally has
                # not (concurrently) counted the round, or the ballot would be lost.
                locked = RoundKey.objects.select_for_update().filter(
                    pk=key.pk, tallied_on__isnull=True
                )
                if not locked.exists():
                    raise BallotRefused(counted_message(), code="counted")
            if household is not None:
                Participation.objects.create(
                    round_key=budget.round_key,
                    household=household,
                    neighbourhood_id=household.neighbourhood_id,
                    source=source,
                    voted_on=timezone.localdate(),
                )
            SealedBallot.objects.create(round_key=budget.round_key, ciphertext=sealed)
    except IntegrityError:
        raise BallotRefused(already_voted_message(), code=ALREADY_VOTED)


def ballot_cast(*, budget: BudgetRoundPage, household: Household, choices) -> None:
    """A verified resident's household casts its one online ballot in `budget`."""
    _check_voting_open(budget)
    _check_neighbourhood(budget, household.neighbourhood)
    scope = household.neighbourhood if budget.is_per_neighbourhood else None
    normalised = ballot_check(budget=budget, scope=scope, choices=choices)
    return _write(
        budget=budget,
        household=household,
        scope=scope,
        normalised=normalised,
        source=BallotSource.WEB,
    )


def paper_ballot_enter(*, budget: BudgetRoundPage, choices, scope=None, address=None) -> None:
    """Staff enter a paper ballot, counted like any other and marked as paper.

    With the voter's address (the usual case at a polling desk), the household's participation
    is recorded too, so it cannot also vote online, and a household that already voted is
    refused. Without an address (a ballot box), only the ballot is stored.
    """
    _check_voting_open(budget, phases=(Phase.VOTING, Phase.CLOSED))
    household = None
    if address is not None:
        _check_neighbourhood(budget, address.neighbourhood)
        if budget.is_per_neighbourhood:
            if scope is not None and scope.pk != address.neighbourhood_id:
                raise BallotInvalid(
                    _("This address is in %(name)s, not in the neighbourhood chosen.")
                    % {"name": address.neighbourhood.name}
                )
            scope = address.neighbourhood
    if budget.is_per_neighbourhood:
        if scope is None:
            raise BallotInvalid(_("Choose the neighbourhood whose budget this ballot is for."))
        _check_neighbourhood(budget, scope)
    else:
        scope = None
    normalised = ballot_check(budget=budget, scope=scope, choices=choices)
    with transaction.atomic():
        if address is not None:
            household = household_for_address(address=address)
        return _write(
            budget=budget,
            household=household,
            scope=scope,
            normalised=normalised,
            source=BallotSource.PAPER,
        )


@dataclass
class ImportSummary:
    projects_created: int
    ballots: int


# pabulib vote types each round's ballot rule can take in.
_COMPATIBLE = {
    BallotRule.APPROVAL: {"approval", "choose-1"},
    BallotRule.KNAPSACK: {"approval", "choose-1"},
    BallotRule.CUMULATIVE: {"cumulative", "scoring"},
    BallotRule.RANKED: {"ordinal"},
}


def ballots_import_pabulib(*, budget: BudgetRoundPage, data: bytes, scope=None, user=None):
    """Import a pabulib file's projects and ballots into `budget` (ballots marked imported).

    Projects the round already has (same code) are reused; new ones are added to the page as a
    new published revision. All or nothing: any problem raises ImportRefused.
    """
    if budget.phase() == Phase.RESULTS:
        raise ImportRefused(_("The results of this round are published: no more ballots."))
    try:
        key = _round_key(budget)
    except BallotRefused as exc:
        raise ImportRefused(exc.message) from None
    if not budget.live or budget.has_unpublished_changes:
        raise ImportRefused(
            _("Publish (or discard) the round's draft changes before importing ballots.")
        )
    if budget.is_per_neighbourhood:
        if scope is None or scope.pk not in round_neighbourhood_ids(budget=budget):
            raise ImportRefused(_("Choose one of the round's neighbourhoods for these ballots."))
    else:
        scope = None
    try:
        election = parse_pabulib(data)
    except PabulibError as exc:
        if exc.line:
            raise ImportRefused(
                _("This is not a valid .pb file (line %(line)d: %(reason)s).")
                % {"line": exc.line, "reason": exc.reason}
            )
        raise ImportRefused(
            _("This is not a valid .pb file (%(reason)s).") % {"reason": exc.reason}
        )
    if election.vote_type not in _COMPATIBLE[budget.ballot_rule]:
        raise ImportRefused(
            _("This file holds %(kind)s ballots; this round uses %(rule)s ballots.")
            % {"kind": election.vote_type, "rule": budget.get_ballot_rule_display()}
        )
    existing = {p.code: p for p in budget.projects.all()}
    for pid, project in election.projects.items():
        if not isinstance(project.cost, int):
            # The round keeps whole euros; the engine itself counts cents (budget_tally).
            raise ImportRefused(
                _("Project %(id)s costs %(cost)s: this round counts whole euros only.")
                % {"id": pid, "cost": money_text(project.cost)}
            )
        if len(pid) > 32:
            raise ImportRefused(_("Project id %(id)s is too long.") % {"id": pid[:40]})
        known = existing.get(pid)
        if known is not None and known.cost != project.cost:
            raise ImportRefused(
                _("Project %(id)s costs %(file)s in the file but %(round)s in the round.")
                % {"id": pid, "file": euros(project.cost), "round": euros(known.cost)}
            )
        if scope is not None and known is not None and known.neighbourhood_id != scope.pk:
            raise ImportRefused(_("Project %(id)s belongs to another neighbourhood.") % {"id": pid})
    ordinal = election.vote_type == "ordinal"
    top = election.meta_int("max_length") or max(
        (len(b.choices) for b in election.ballots), default=0
    )
    rows = []
    for ballot in election.ballots:
        if ordinal:
            choices = [[c, top - i] for i, c in enumerate(ballot.choices)]
        elif ballot.points is not None:
            choices = [[c, p] for c, p in zip(ballot.choices, ballot.points, strict=True)]
        else:
            choices = [[c, 1] for c in ballot.choices]
        # Sealed like any other ballot: the tally opens them all together.
        payload = _payload(scope=scope, normalised=choices, source=BallotSource.IMPORTED)
        rows.append(
            SealedBallot(
                round_key=budget.round_key,
                ciphertext=sealing.seal(public=key.public_key, payload=payload),
            )
        )
    new = [p for pid, p in election.projects.items() if pid not in existing]
    with transaction.atomic():
        if new:
            page = budget.get_latest_revision_as_object()
            for project in new:
                page.projects.add(
                    BudgetProject(
                        code=project.id,
                        title=(project.name or project.id)[:200],
                        cost=project.cost,
                        neighbourhood=scope,
                    )
                )
            page.save_revision(user=user).publish(user=user)
        SealedBallot.objects.bulk_create(rows, batch_size=2000)
    return ImportSummary(projects_created=len(new), ballots=len(rows))


# --- the returning officer: the round's key, the tally ---------------------------------------
class TallyRefused(ServiceRefusal):
    """The round cannot be counted now (wrong key, nothing to count); nothing changed."""


def lost_key_message() -> str:
    return _(
        "This key does not open this round's ballots. Check that it is the key (or both "
        "shares) given when the round's key was created, for this round. If the key is lost, "
        "the ballots cannot be counted by anyone: nothing on the server can open them. The "
        "round must then be voted again with a new round."
    )


def round_key_create(*, budget: BudgetRoundPage, split: bool = False) -> sealing.KeyPair:
    """Create the round's key pair: the public half is kept, the private half is returned to be
    shown once to the returning officer (or split into two shares for two officers)."""
    pair = sealing.generate(round_key=budget.round_key, split=split)
    try:
        with transaction.atomic():
            RoundKey.objects.create(round_key=budget.round_key, public_key=pair.public, split=split)
    except IntegrityError:
        raise TallyRefused(_("This round already has a key."), code="exists")
    from .selectors import forget_round_key

    forget_round_key(budget=budget)
    return pair


@dataclass
class TallySummary:
    ballots: int


def round_tally(*, budget: BudgetRoundPage, key_texts: list[str]) -> TallySummary:
    """Open every sealed ballot of the round with the officer's key and write the plain ballots
    in a random order, in one statement, then delete the sealed ones. All or nothing."""
    if budget.phase() not in (Phase.CLOSED, Phase.RESULTS):
        raise TallyRefused(
            _("Voting is still open: count the round once it has closed."), code="open"
        )
    with transaction.atomic():
        try:
            row = RoundKey.objects.select_for_update().get(round_key=budget.round_key)
        except RoundKey.DoesNotExist:
            raise TallyRefused(no_key_message(), code="no_key")
        if row.tallied_on is not None:
            raise TallyRefused(_("This round has already been counted."), code="counted")
        try:
            key = sealing.private_key(
                round_key=budget.round_key, public=row.public_key, texts=key_texts
            )
            sealed = SealedBallot.objects.filter(round_key=budget.round_key)
            opened = [
                sealing.open_sealed(key, c) for c in sealed.values_list("ciphertext", flat=True)
            ]
        except sealing.KeyInvalid:
            raise TallyRefused(lost_key_message(), code="bad_key")
        # One day for every ballot (the day voting closed), random ids, random order.
        day = timezone.localdate(budget.voting_closes_at) if budget.voting_closes_at else None
        day = day or timezone.localdate()
        ballots = [
            Ballot(
                round_key=budget.round_key,
                scope_id=item["s"],
                choices=item["c"],
                source=item["o"],
                cast_on=day,
            )
            for item in opened
        ]
        secrets.SystemRandom().shuffle(ballots)
        # No batch size: one INSERT on PostgreSQL (SQLite splits it by its variable limit,
        # inside this same transaction).
        Ballot.objects.bulk_create(ballots)
        sealed.delete()
        row.tallied_on = timezone.localdate()
        row.save(update_fields=["tallied_on"])
    from .selectors import forget_round_key

    forget_round_key(budget=budget)
    return TallySummary(ballots=len(ballots))
