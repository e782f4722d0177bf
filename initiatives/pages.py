from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from neighbourhoods.targeting import NeighbourhoodTargeting


class CallForInitiativesPage(NeighbourhoodTargeting, Page):
    """A call for initiatives: what the city offers, where, when; the accepted initiatives."""

    theme = models.CharField(_("theme"), max_length=160)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    budget_max = models.DecimalField(
        _("budget per initiative, up to (EUR)"), max_digits=9, decimal_places=2, default=0
    )
    offers_material = models.BooleanField(_("the city lends material"), default=False)
    offers_permits = models.BooleanField(_("the city helps with permits"), default=False)
    offers_communication = models.BooleanField(
        _("the city helps with communication"), default=False
    )
    support_threshold = models.PositiveIntegerField(
        _("support threshold (households)"),
        default=25,
        help_text=_(
            "Participation staff are told when an initiative reaches this many households."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("intro"),
        NeighbourhoodTargeting.targeting_panel(),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Period")),
        MultiFieldPanel(
            [
                FieldPanel("budget_max"),
                FieldPanel("offers_material"),
                FieldPanel("offers_permits"),
                FieldPanel("offers_communication"),
            ],
            heading=_("What the city offers"),
        ),
        FieldPanel("support_threshold"),
    ]
    search_fields = Page.search_fields + [index.SearchField("theme"), index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "initiatives/call_for_initiatives_page.html"

    class Meta:
        verbose_name = _("call for initiatives")
        verbose_name_plural = _("calls for initiatives")

    def original(self):
        """The page initiatives point at: the original of this page's translations."""
        if self.locale.language_code == "fr":
            return self
        return (
            CallForInitiativesPage.objects.filter(
                translation_key=self.translation_key, locale__language_code="fr"
            ).first()
            or self
        )

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today and (self.closes_on is None or today <= self.closes_on)

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .permissions import can_submit_initiative
        from .selectors import initiatives_published

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(initiatives_published(call_key=self.translation_key), 20)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["call_open"] = self.is_open()
        context["can_submit"] = can_submit_initiative(request.user, self)
        context["call_neighbourhoods"] = (
            [] if self.all_neighbourhoods else list(self.neighbourhoods.all())
        )
        return context
