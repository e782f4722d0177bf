from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from neighbourhoods.blocks import ContentBlocks


class CachedForVisitorsMixin:
    """The page is the same for every visitor: portal.middleware caches it for them."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not request.user.is_authenticated:
            response.cache_for_visitors = True
        return response


class HomePage(CachedForVisitorsMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Under /nl/ or /en/, a page with no translation is the French one, shown on purpose
        (its template says so and marks it lang="fr"), so that links keep the reader's language."""
        try:
            return super().route(request, path_components)
        except Http404:
            from neighbourhoods.languages import default_language, page_in_reader_language

            if not path_components or self.locale.language_code == default_language():
                raise
            original = HomePage.objects.filter(
                translation_key=self.translation_key, locale__language_code=default_language()
            ).first()
            if original is None:
                raise
            page, args, kwargs = original.route(request, path_components)
            return page_in_reader_language(page).specific, args, kwargs

    def get_context(self, request, *args, **kwargs):
        from neighbourhoods.forms import AddressFinderForm
        from neighbourhoods.models import NeighbourhoodPage

        context = super().get_context(request, *args, **kwargs)
        context["hubs"] = (
            NeighbourhoodPage.objects.child_of(self)
            .live()
            .select_related("neighbourhood")
            .order_by("title")
        )
        context["finder_form"] = AddressFinderForm()
        return context


class StandardPage(CachedForVisitorsMixin, Page):
    """Plain content: privacy statement, accessibility statement, about the network…"""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    # The footer links to both pages on every page of the site.
    select_related = ["privacy_page", "accessibility_page"]

    city_name = models.CharField(_("city name"), max_length=80, default="Mons")
    contact_email = models.EmailField(_("contact e-mail"), default="quartiers@mons.be")
    contact_phone = models.CharField(_("contact phone"), max_length=40, default="065 40 50 00")
    penetration_target = models.PositiveSmallIntegerField(
        _("registration target (% of households)"),
        default=30,
        help_text=_("The share of households the city aims to have registered (Ghent: 30%)."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy statement page"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )

    class Meta:
        verbose_name = _("portal settings")
