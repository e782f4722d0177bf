from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentBlocks


class NeighbourhoodPage(Page):
    """The public hub of one neighbourhood, edited by communications officers.

    Its public content is for everyone; the private feed is a section that only members get
    (see `neighbourhoods.registry` and `neighbourhoods.permissions`).
    """

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="hub_pages",
        verbose_name=_("neighbourhood"),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    hero_image_alt = models.CharField(_("main image description"), max_length=200, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("neighbourhood"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "neighbourhoods/neighbourhood_page.html"
    # Served from portal.serve with the page's neighbourhood in the same query.
    serve_select_related = ("neighbourhood",)

    class Meta:
        verbose_name = _("neighbourhood hub")
        verbose_name_plural = _("neighbourhood hubs")

    def clean(self):
        super().clean()
        # One hub per neighbourhood and language (the constraint can't live in the DB:
        # `locale` is a column of wagtailcore_page).
        clash = NeighbourhoodPage.objects.filter(
            neighbourhood_id=self.neighbourhood_id, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if self.neighbourhood_id and clash.exists():
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"neighbourhood": _("This neighbourhood already has a hub page in this language.")}
            )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            # A member's hub carries private feed content: no shared cache may keep it.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response.cache_for_visitors = True  # portal.middleware.VisitorPageCacheMiddleware
        return response

    def get_context(self, request, *args, **kwargs):
        from . import registry
        from .cache import hub_public_parts
        from .permissions import is_verified_member_of

        context = super().get_context(request, *args, **kwargs)
        is_member = is_verified_member_of(request.user, self.neighbourhood)
        # Title, body and public sections: cached per hub and language, the same for everyone.
        public = hub_public_parts(
            request=request, page=self, sections=registry.public_hub_sections()
        )
        context["is_member"] = is_member
        context["hub_head"] = mark_safe(public["head"])  # noqa: S308  (rendered by Django)
        context["sections"] = registry.render_hub_sections(
            request=request,
            neighbourhood=self.neighbourhood,
            is_member=is_member,
            public=public["sections"],
        )
        return context
