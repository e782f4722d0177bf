from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import ThrottledAdminLoginView

urlpatterns = [
    # Throttled in front of Wagtail's own login view (same template, same form).
    path("admin/login/", ThrottledAdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

# Public site: French at the root, Dutch under /nl/, English under /en/.
urlpatterns += i18n_patterns(
    path("compte/", include("accounts.urls")),
    path("quartiers/", include("neighbourhoods.urls")),
    path("verification/", include("verification.urls")),
    path("fil/", include("feed.urls")),
    path("enquetes/", include("surveys.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("entraide/", include("care.urls")),
    path("budget/", include("budgets.urls")),
    path("annonces/", include("announcements.urls")),
    path("lettre/", include("newsletters.urls")),
    path("tableau-de-bord/", include("dashboard.urls")),
    path("notifications/", include("notifications.urls")),
    path("conversations/", include("conversations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
