from django.db import transaction
from django.utils import timezone

from .models import Household, Membership
from .selectors import forget_active_membership


def household_for_address(*, address) -> Household:
    """The household living at `address`, registered on first need (verification, paper ballot)."""
    household, _ = Household.objects.get_or_create(
        address=address, defaults={"neighbourhood_id": address.neighbourhood_id}
    )
    return household


@transaction.atomic
def membership_join(*, user, address, method=Membership.Method.LETTER_CODE) -> Membership:
    """Make `user` a verified member of the household at `address`.

    A resident who moves ends their current membership here: the new address is their only one.
    """
    household = household_for_address(address=address)
    current = (
        Membership.objects.select_for_update().filter(user=user, ended_at__isnull=True).first()
    )
    if current is not None:
        if current.household_id == household.pk:
            return current
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    membership = Membership.objects.create(
        user=user, household=household, neighbourhood_id=household.neighbourhood_id, method=method
    )
    forget_active_membership(user=user)
    return membership


@transaction.atomic
def membership_leave(*, user) -> None:
    Membership.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())
    forget_active_membership(user=user)
