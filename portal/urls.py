from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import two_factor_views
from accounts.staff_users import staff_only_bulk_action
from accounts.views import ThrottledAdminLoginView, ThrottledAdminPasswordResetView

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Throttled in front of Wagtail's own login view (same template, same form).
    path("admin/login/", ThrottledAdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/2fa/setup/", two_factor_views.setup, name="two_factor_setup"),
    path("admin/2fa/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("admin/2fa/recovery/", two_factor_views.recovery_codes, name="two_factor_recovery_codes"),
    # Residents' accounts are out of the users admin, bulk actions included.
    path("admin/bulk/accounts/user/<str:action>/", staff_only_bulk_action),
    path(
        "admin/password_reset/",
        ThrottledAdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

# Public site: French at the root, Dutch under /nl/, English under /en/.
urlpatterns += i18n_patterns(
    path("compte/", include("accounts.urls")),
    path("compte/", include("privacy.urls")),
    path("quartiers/", include("neighbourhoods.urls")),
    path("verification/", include("verification.urls")),
    path("fil/", include("feed.urls")),
    path("enquetes/", include("surveys.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("entraide/", include("neighbour_help.urls")),
    path("budget/", include("budgets.urls")),
    path("annonces/", include("announcements.urls")),
    path("lettre/", include("newsletters.urls")),
    path("tableau-de-bord/", include("dashboard.urls")),
    path("notifications/", include("notifications.urls")),
    path("conversations/", include("conversations.urls")),
    path("", include("portal.serve")),  # Wagtail's pages, routes memoised
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
