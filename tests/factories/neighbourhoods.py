import factory
from wagtail.models import Page

from neighbourhoods.models import Address, Household, Membership, Neighbourhood, NeighbourhoodPage
from neighbourhoods.services import membership_join

from .accounts import UserFactory


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"quartier-{n}")
    name = factory.Sequence(lambda n: f"Quartier {n}")
    households_in_area = 1000


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    street = "Rue de la Station"
    number = factory.Sequence(lambda n: str(n + 1))
    postcode = "7000"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    address = factory.SubFactory(AddressFactory)
    neighbourhood = factory.SelfAttribute("address.neighbourhood")


def member(*, neighbourhood=None, household=None, moderator=False, **user_kwargs):
    """A verified resident: a user with an active membership of a household."""
    if household is None:
        address = AddressFactory(neighbourhood=neighbourhood or NeighbourhoodFactory())
    else:
        address = household.address
    user = UserFactory(**user_kwargs)
    membership = membership_join(user=user, address=address, method=Membership.Method.STAFF)
    if moderator:
        membership.is_moderator = True
        membership.save(update_fields=["is_moderator"])
    return user


def hub_page(*, neighbourhood, title=None):
    home = Page.objects.get(depth=2).specific
    page = NeighbourhoodPage(
        title=title or neighbourhood.name, slug=neighbourhood.code, neighbourhood=neighbourhood
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language: str, *, publish=True, **fields):
    """A translation of `page` in `language` (its parents get aliases when missing)."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    translated = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    revision = translated.save_revision()
    if publish:
        revision.publish()
        translated.refresh_from_db()
    return translated
