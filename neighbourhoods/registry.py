"""Extension points that let capability apps show things on hubs and in feeds.

The core never imports a capability app: apps register here from their AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class HubSection:
    key: str
    order: int
    members_only: bool
    # render(request=..., neighbourhood=...) -> HTML (SafeString) or "" to show nothing.
    render: Callable[..., str]


@dataclass(frozen=True)
class CityItem:
    """Something the city published for a neighbourhood (announcement, survey, event, budget…)."""

    kind: str  # short machine name, e.g. "survey"
    label: str  # translated kind shown to residents, e.g. "Enquête"
    title: str
    url: str
    published_at: datetime
    summary: str = ""


@dataclass(frozen=True)
class ProfileLink:
    """A link on the resident's "My account" page to something an app keeps for them."""

    key: str
    order: int
    label: str  # lazily translated
    url_name: str
    members_only: bool = False


@dataclass(frozen=True)
class MenuEntry:
    """A link in the header for verified members, with an optional count (e.g. unread)."""

    key: str
    order: int
    label: str  # lazily translated
    url_name: str
    # count(user=...) -> int: must cost at most one query; only called for members.
    count: Callable[..., int] | None = None
    # Said to screen readers after the count, e.g. "unread" (lazily translated).
    count_label: str = ""


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    count: int
    count_label: str


@dataclass(frozen=True)
class PostAction:
    """A link under a neighbour's post (e.g. "write to the author"); url_name takes the post id."""

    key: str
    order: int
    label: str  # lazily translated
    url_name: str


_hub_sections: dict[str, HubSection] = {}
_post_actions: dict[str, PostAction] = {}
_menu_entries: dict[str, MenuEntry] = {}
_profile_links: dict[str, ProfileLink] = {}
_city_item_sources: dict[str, Callable[..., list[CityItem]]] = {}


def register_hub_section(section: HubSection) -> None:
    _hub_sections[section.key] = section


def register_city_items(key: str, source: Callable[..., list[CityItem]]) -> None:
    """source(neighbourhood=..., limit=...) -> newest CityItems for that neighbourhood."""
    _city_item_sources[key] = source


def register_profile_link(link: ProfileLink) -> None:
    _profile_links[link.key] = link


def register_post_action(action: PostAction) -> None:
    _post_actions[action.key] = action


def post_actions() -> list[PostAction]:
    return sorted(_post_actions.values(), key=lambda a: (a.order, a.key))


def register_menu_entry(entry: MenuEntry) -> None:
    _menu_entries[entry.key] = entry


def menu_items(*, user) -> list[MenuItem]:
    """The header links apps registered for members, with their counts."""
    entries = sorted(_menu_entries.values(), key=lambda e: (e.order, e.key))
    return [
        MenuItem(
            label=e.label,
            url_name=e.url_name,
            count=e.count(user=user) if e.count else 0,
            count_label=e.count_label,
        )
        for e in entries
    ]


def profile_links(*, is_member: bool) -> list[ProfileLink]:
    links = sorted(_profile_links.values(), key=lambda link: (link.order, link.key))
    return [link for link in links if is_member or not link.members_only]


def render_hub_sections(*, request, neighbourhood, is_member: bool) -> list[SafeString]:
    parts = []
    for section in sorted(_hub_sections.values(), key=lambda s: (s.order, s.key)):
        if section.members_only and not is_member:
            continue
        html = section.render(request=request, neighbourhood=neighbourhood)
        if html:
            parts.append(mark_safe(html))  # noqa: S308  (rendered by Django templates)
    return parts


def city_items_for(*, neighbourhood, limit: int = 10) -> list[CityItem]:
    items: list[CityItem] = []
    for source in _city_item_sources.values():
        items.extend(source(neighbourhood=neighbourhood, limit=limit))
    items.sort(key=lambda item: item.published_at, reverse=True)
    return items[:limit]
