"""Seeds the private database of the production-stack tests; prints what it made as JSON.

python -m tests.portal.stack_seed            (seed)
python -m tests.portal.stack_seed publish CODE TITLE OFFICER_EMAIL
"""

import json
import sys

import django


def seed():
    from home.bootstrap import ensure_base_content
    from tests.factories.accounts import PASSWORD, UserFactory, staff_user
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    ensure_base_content()
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub = hub_page(neighbourhood=hood)
    member(neighbourhood=hood, email="resident@stack.test", display_name="Camille Stack")
    member(neighbourhood=hood, email="target@stack.test")
    member(neighbourhood=hood, email="redis@stack.test")
    UserFactory(email="visitor@stack.test")
    staff_user("Communications officers", email="officer@stack.test")
    return {"code": hood.code, "hub_url": hub.url, "password": PASSWORD}


def publish(code, title, officer_email):
    """What an officer's "Publish" does: a revision by that officer, published by them."""
    from django.contrib.auth import get_user_model

    from neighbourhoods.models import Neighbourhood
    from tests.factories.announcements import announcement

    officer = get_user_model().objects.get(email=officer_email)
    page = announcement(
        neighbourhoods=[Neighbourhood.objects.get(code=code)], title=title, publish=False
    )
    page.save_revision(user=officer).publish(user=officer)
    return {"page": page.pk}


if __name__ == "__main__":
    django.setup()
    if sys.argv[1:2] == ["publish"]:
        print(json.dumps(publish(*sys.argv[2:5])))
    else:
        print(json.dumps(seed()))
