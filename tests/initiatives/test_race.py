import threading

import pytest
from django.db import connection

from initiatives import services
from initiatives.models import Initiative, Support
from tests.factories.initiatives import InitiativeFactory, call_page
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_one_household_one_support():
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub_page(neighbourhood=hood)
    call = call_page(neighbourhoods=[hood], threshold=1000)
    initiative = InitiativeFactory(
        call=call,
        neighbourhood=hood,
        submitter=member(neighbourhood=hood),
        status=Initiative.Status.ACCEPTED,
    )
    first = member(neighbourhood=hood)
    household = first.memberships.get().household
    residents = [first] + [member(household=household) for _ in range(19)]
    barrier = threading.Barrier(len(residents))
    outcomes = []

    def support(user):
        try:
            barrier.wait()
            services.initiative_support(initiative=initiative, user=user)
            outcomes.append("ok")
        except services.AlreadySupported:
            outcomes.append("already")
        except Exception as error:  # noqa: BLE001
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=support, args=(u,)) for u in residents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already"] * 19 + ["ok"]
    assert Support.objects.filter(initiative=initiative).count() == 1
