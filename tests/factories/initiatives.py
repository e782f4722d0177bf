import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Page

from initiatives.models import CallForInitiativesPage, Initiative

from .accounts import UserFactory
from .neighbourhoods import NeighbourhoodFactory

_slugs = itertools.count(1)


def call_page(
    *, title="Appel à initiatives 2026", neighbourhoods=(), threshold=3, budget_max=1500, **kwargs
):
    home = Page.objects.get(depth=2).specific
    page = CallForInitiativesPage(
        title=title,
        slug=kwargs.pop("slug", None) or f"appel-initiatives-{next(_slugs)}",
        theme="Redonner vie aux villages",
        opens_on=timezone.localdate() - datetime.timedelta(days=10),
        closes_on=timezone.localdate() + datetime.timedelta(days=60),
        budget_max=budget_max,
        offers_material=True,
        offers_permits=True,
        offers_communication=True,
        support_threshold=threshold,
        all_neighbourhoods=kwargs.pop("all_neighbourhoods", not neighbourhoods),
        **kwargs,
    )
    home.add_child(instance=page)
    page.neighbourhoods.set(neighbourhoods)
    page.save_revision().publish()
    return page


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    call = None
    submitter = factory.SubFactory(UserFactory)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    title = factory.Sequence(lambda n: f"Potager partagé {n}")
    description = "Un potager au coin de la rue, ouvert à tous les voisins du quartier."
    place = "Place du Parc"
    status = Initiative.Status.SUBMITTED
