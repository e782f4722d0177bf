"""A small, known dataset for the Service Dashboard: households joined at known moments, a
resident who moved away, posts and reactions (one removed by a moderator) in two months."""

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from neighbourhoods.models import Membership
from neighbourhoods.services import membership_join, membership_leave
from tests.factories.neighbourhoods import AddressFactory, HouseholdFactory

from .accounts import UserFactory

SECRET_TITLE = "SECRET-TITLE-{n}"
SECRET_BODY = "SECRET-BODY-{n}"
RESIDENT_NAME = "Résidente Zoé Secret{n}"
RESIDENT_EMAIL = "zoe.secret{n}@example.be"


@dataclass
class Dataset:
    residents: list = field(default_factory=list)
    posts: list = field(default_factory=list)
    reactions: list = field(default_factory=list)
    extra: object = None


_serial = itertools.count()


def _resident(dataset, *, address, joined_at):
    n = next(_serial)
    user = UserFactory(display_name=RESIDENT_NAME.format(n=n), email=RESIDENT_EMAIL.format(n=n))
    membership = membership_join(user=user, address=address, method=Membership.Method.STAFF)
    Membership.objects.filter(pk=membership.pk).update(joined_at=joined_at)
    dataset.residents.append(user)
    return user


def build(
    *,
    neighbourhoods,
    households_a=7,
    households_b=3,
    households_c=5,
    posts_a=6,
    reactions_per_post=2,
):
    """Neighbourhood A: `households_a` registered households (the first has two members; one more
    household's only member moved away); B: `households_b`; a third neighbourhood C (Cuesmes):
    `households_c`. Posts in A and B, this month and two months ago."""
    from tests.factories.feed import PostFactory, ReactionFactory
    from tests.factories.neighbourhoods import NeighbourhoodFactory

    a, b = neighbourhoods
    now = timezone.now()
    this_month = now - datetime.timedelta(minutes=5)
    earlier = now - datetime.timedelta(days=62)
    dataset = Dataset()
    for i in range(households_a):
        address = AddressFactory(neighbourhood=a)
        _resident(dataset, address=address, joined_at=earlier if i % 2 else this_month)
        if i == 0:
            _resident(dataset, address=address, joined_at=this_month)
    moved = _resident(dataset, address=AddressFactory(neighbourhood=a), joined_at=earlier)
    membership_leave(user=moved)
    for _ in range(households_b):
        _resident(dataset, address=AddressFactory(neighbourhood=b), joined_at=earlier)
    HouseholdFactory(address=AddressFactory(neighbourhood=b))  # a household nobody joined yet
    c = NeighbourhoodFactory(code="cuesmes", name="Cuesmes", households_in_area=500)
    for _ in range(households_c):
        _resident(dataset, address=AddressFactory(neighbourhood=c), joined_at=earlier)
    dataset.extra = c

    def active_in(hood):
        return [
            u
            for u in dataset.residents
            if u.memberships.filter(neighbourhood=hood, ended_at__isnull=True).exists()
        ]

    authors_a, author_b = active_in(a), active_in(b)[0]
    for i in range(posts_a + 2):
        n = next(_serial)
        post = PostFactory(
            author=authors_a[i % len(authors_a)] if i < posts_a else author_b,
            title=SECRET_TITLE.format(n=n),
            body=SECRET_BODY.format(n=n),
            created_at=this_month if i % 3 else earlier,
        )
        dataset.posts.append(post)
        for _ in range(reactions_per_post):
            k = next(_serial)
            dataset.reactions.append(
                ReactionFactory(
                    post=post,
                    author=authors_a[k % len(authors_a)],
                    body=SECRET_BODY.format(n=f"r{k}"),
                    created_at=post.created_at,
                )
            )
    removed = dataset.posts[1]
    removed.status = "removed"
    removed.save(update_fields=["status"])
    return dataset


def build_groups(*, neighbourhoods, dataset):
    """Surveys, budget votes, initiatives and supports, helpers and volunteers, a city message,
    an event with registrations, newsletter subscribers and a send — on top of `build()`."""
    from announcements.models import EventRegistration
    from budgets.models import Ballot, Participation
    from initiatives.models import Initiative, Support
    from neighbourhoods.selectors import active_membership
    from newsletters.models import Delivery, NewsletterSend
    from surveys.models import SurveyResponse
    from tests.factories import announcements as ann
    from tests.factories import initiatives, newsletters, surveys
    from tests.factories import neighbour_help as care
    from tests.factories.budgets import budget_round

    a, b = neighbourhoods
    now = timezone.now()
    earlier = now - datetime.timedelta(days=40)
    members = [u for u in dataset.residents if active_membership(user=u) is not None]
    one_per_household = list({active_membership(user=u).household_id: u for u in members}.values())

    suffix = next(_serial)  # build_groups may run twice in a test: pages need unique slugs
    survey = surveys.survey_page(title="Enquête mobilité", slug=f"enquete-mobilite-{suffix}")
    for i, user in enumerate(members):
        membership = active_membership(user=user)
        SurveyResponse.objects.get_or_create(
            survey_key=survey.translation_key,
            household=membership.household,
            defaults={
                "survey": survey,
                "user": user,
                "neighbourhood": membership.neighbourhood,
                "submitted_at": earlier if i % 2 else now,
            },
        )
    SurveyResponse.objects.create(  # an open survey's anonymous answer: no household
        survey=survey,
        survey_key=survey.translation_key,
        neighbourhood=a,
        submitted_at=now,
    )

    budget = budget_round(title="Budget participatif 2026", slug=f"budget-{suffix}")
    for user in one_per_household[:6]:
        membership = active_membership(user=user)
        Participation.objects.create(
            round_key=budget.translation_key,
            household=membership.household,
            neighbourhood=membership.neighbourhood,
            source="web",
            voted_on=now.date(),
        )
        Ballot.objects.create(
            round_key=budget.translation_key,
            choices=[["p1", 1]],
            source="web",
            cast_on=now.date(),
        )
    Ballot.objects.create(
        round_key=budget.translation_key, choices=[], source="paper", cast_on=now.date()
    )

    call = initiatives.call_page(slug=f"appel-{suffix}", title=f"Appel {suffix}")
    statuses = ["submitted", "accepted", "accepted", "in_progress", "declined"]
    created = [
        initiatives.InitiativeFactory(
            call=call,
            submitter=members[i],
            neighbourhood=a,
            status=status,
            title=f"SECRET-INITIATIVE-{i}",
        )
        for i, status in enumerate(statuses)
    ]
    created.append(initiatives.InitiativeFactory(call=call, submitter=members[-1], neighbourhood=b))
    for user in one_per_household[:7]:
        Support.objects.create(
            initiative=created[1], household=active_membership(user=user).household
        )
    Initiative.objects.filter(pk=created[0].pk).update(submitted_at=earlier)

    skill = care.skills()
    for i, user in enumerate(members[:9]):
        care.offer(
            user=user, skill_list=[skill["groceries"]] + ([skill["company"]] if i % 2 else [])
        )
        if i < 6:
            care.consent(user=user)

    ann.announcement(neighbourhoods=[a], title="Travaux à Mons-Centre", slug=f"travaux-{suffix}")
    ann.announcement(
        all_neighbourhoods=True, title="Collecte des encombrants", slug=f"collecte-{suffix}"
    )
    event = ann.event(
        all_neighbourhoods=True,
        starts_in=-datetime.timedelta(days=2),
        capacity=6,
        slug=f"atelier-{suffix}",
    )
    for i, user in enumerate(members[:8]):
        EventRegistration.objects.create(
            event=event, user=user, status="confirmed" if i < 6 else "waitlisted"
        )

    subs = [newsletters.SubscriberFactory() for _ in range(7)]
    for sub in subs[:5]:
        sub.neighbourhoods.set([a])
    subs[6].unsubscribed_at = now
    subs[6].save()
    send = NewsletterSend.objects.create(
        page=newsletters.issue(title=f"Lettre {suffix}"),
        scheduled_for=now,
        audience="all",
        status="done",
        started_at=now,
        finished_at=now,
    )
    for i, sub in enumerate(subs[:6]):
        Delivery.objects.create(
            send=send, subscriber=sub, language="fr", status="sent" if i else "failed"
        )
    return {"survey": survey, "budget": budget, "initiatives": created, "event": event}
