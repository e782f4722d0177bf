"""The feed's section on a neighbourhood hub: members only, a constant number of queries."""

from django.template.loader import render_to_string

from .forms import TITLE_MAX
from .models import Category
from .permissions import can_view_feed
from .selectors import latest_posts

HUB_POSTS = 5


def render_hub_feed(*, request, neighbourhood) -> str:
    # The registry already skips members-only sections for non-members; ask again anyway:
    # the boundary must not depend on a caller remembering it.
    if request is None or not can_view_feed(request.user, neighbourhood):
        return ""
    return render_to_string(
        "feed/hub_section.html",
        {
            "neighbourhood": neighbourhood,
            "posts": latest_posts(neighbourhood=neighbourhood, limit=HUB_POSTS),
            "categories": Category.choices,
            "title_max": TITLE_MAX,
        },
        request=request,
    )
