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
    # Public sections (members_only=False) must render the same for every reader: they are cached
    # per hub and language (neighbourhoods.cache) and invalidated when a page is published.
    render: Callable[..., str]
    # Records (not pages) shown by a public section, as "app_label.Model" with a `neighbourhood`
    # field: saving or deleting one invalidates the cached hubs of that neighbourhood.
    invalidated_by: tuple[str, ...] = ()


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
    from .cache import invalidate_hubs_on

    _hub_sections[section.key] = section
    for model_label in section.invalidated_by:
        invalidate_hubs_on(model_label)


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


def _ordered_sections():
    return sorted(_hub_sections.values(), key=lambda s: (s.order, s.key))


def public_hub_sections() -> list[HubSection]:
    return [section for section in _ordered_sections() if not section.members_only]


def render_hub_sections(
    *, request, neighbourhood, is_member: bool, public=None
) -> list[SafeString]:
    """Every section this reader may see, in order. `public`: the public sections already
    rendered, as (order, key, html), e.g. from the hub cache."""
    parts = []
    if public is not None:
        parts = list(public)
    for section in _ordered_sections():
        if section.members_only and not is_member:
            continue
        if public is not None and not section.members_only:
            continue
        html = section.render(request=request, neighbourhood=neighbourhood)
        if html:
            parts.append((section.order, section.key, html))
    parts.sort(key=lambda part: (part[0], part[1]))
    return [mark_safe(html) for _order, _key, html in parts]  # noqa: S308  (Django templates)


def city_items_for(*, neighbourhood, limit: int = 10, request=None) -> list[CityItem]:
    """The newest city items for a neighbourhood, cached per language (they are pages, the same
    for every member) and invalidated with the hubs (neighbourhoods.cache)."""
    from .cache import city_items

    def build():
        items: list[CityItem] = []
        for source in _city_item_sources.values():
            items.extend(source(neighbourhood=neighbourhood, limit=limit))
        items.sort(key=lambda item: item.published_at, reverse=True)
        return items[:limit]

    return city_items(request=request, neighbourhood=neighbourhood, limit=limit, build=build)


@dataclass(frozen=True)
class PersonalData:
    """What one app keeps about a person, and how it hands it over and forgets it.

    export(user=...) -> {"title": str, "items": [dict, ...]} (JSON-ready values);
    files(user=...) -> [(name_in_zip, django File or storage path with storage), ...];
    erase(user=...) runs inside the account deletion's transaction.
    erased / anonymised / kept: lazily translated sentences shown before deleting an account.
    """

    app: str
    order: int
    export: Callable[..., dict]
    erase: Callable[..., None]
    files: Callable[..., list] | None = None
    erased: tuple = ()
    anonymised: tuple = ()
    kept: tuple = ()


_personal_data: dict[str, PersonalData] = {}


def register_personal_data(entry: PersonalData) -> None:
    _personal_data[entry.app] = entry


def personal_data_sources() -> list[PersonalData]:
    return sorted(_personal_data.values(), key=lambda e: (e.order, e.app))


@dataclass(frozen=True)
class RetentionRule:
    """Something kept only for a while: purge(cutoff=...) deletes what is older, returns a count.

    `days_setting` names a key of settings.RETENTION_DAYS (the README lists them all).
    """

    key: str
    days_setting: str
    purge: Callable[..., int]


_retention_rules: dict[str, RetentionRule] = {}


def register_retention(rule: RetentionRule) -> None:
    _retention_rules[rule.key] = rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention_rules.values(), key=lambda r: r.key)


@dataclass(frozen=True)
class DashboardFigures:
    """An app's figures in the Service Dashboard (counts only, never content).

    section(ctx) -> a dashboard Section, or None to show nothing; ctx is the dashboard's report
    context (period, neighbourhoods, registered households).
    panel(period=...) -> ([Column, ...], {neighbourhood_id: {column key: count}}): optional
    columns of the admin home's "this month" panel.
    """

    key: str
    order: int
    section: Callable[..., object]
    panel: Callable[..., tuple] | None = None


_dashboard_figures: dict[str, DashboardFigures] = {}


def register_dashboard_figures(figures: DashboardFigures) -> None:
    _dashboard_figures[figures.key] = figures


def dashboard_figures() -> list[DashboardFigures]:
    return sorted(_dashboard_figures.values(), key=lambda f: (f.order, f.key))
