import pytest


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://quartiers.mons.be"


@pytest.fixture(autouse=True)
def _base_content_after_reuse(request):
    """With --reuse-db, an earlier transactional test may have flushed the base content."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    from wagtail.models import Page

    if not Page.objects.filter(depth=2).exists():
        from home.bootstrap import ensure_base_content

        ensure_base_content()
