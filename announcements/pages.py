"""City messages and events: page types edited by communications officers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from neighbourhoods.blocks import ContentBlocks
from neighbourhoods.targeting import NeighbourhoodTargeting


class Category(models.TextChoices):
    ROADWORKS = "roadworks", _("Roadworks")
    SAFETY = "safety", _("Safety")
    LOCAL_INITIATIVE = "initiative", _("Local initiative")
    SERVICE = "service", _("City service")
    MOBILITY = "mobility", _("Mobility")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Other")


class AnnouncementIndexPage(Page):
    """“Actualités de la Ville”: every city message and event, newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["announcements.AnnouncementPage", "announcements.EventPage"]
    max_count_per_parent = 1
    template = "announcements/announcement_index_page.html"

    class Meta:
        verbose_name = _("city news index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .selectors import announcements_for_index, events_upcoming

        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(announcements_for_index(index=self), 20).get_page(
            request.GET.get("page")
        )
        context["events"] = events_upcoming(limit=10)
        return context


class AnnouncementPage(NeighbourhoodTargeting, Page):
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown on hubs and feeds.")
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))
    email_members = models.BooleanField(
        _("e-mail the residents"),
        default=False,
        help_text=_(
            "When published, e-mail the residents of these neighbourhoods who accept city messages."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        NeighbourhoodTargeting.targeting_panel(),
        FieldPanel("email_members"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["announcements.AnnouncementIndexPage"]
    subpage_types: list[str] = []
    template = "announcements/announcement_page.html"

    class Meta:
        verbose_name = _("city announcement")
        verbose_name_plural = _("city announcements")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from .forms import ReplyForm
        from .permissions import can_reply
        from .selectors import replies_of_author

        context = super().get_context(request, *args, **kwargs)
        context["can_reply"] = can_reply(request.user, self)
        context["reply_form"] = ReplyForm()
        context["my_replies"] = replies_of_author(announcement=self, user=request.user)
        return context


class EventPage(NeighbourhoodTargeting, Page):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Co-creation workshop")
        EVENT = "event", _("Neighbourhood event")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.WORKSHOP)
    summary = models.CharField(_("summary"), max_length=300)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveIntegerField(_("places"), help_text=_("Beyond this, a waitlist."))

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("place"),
                FieldPanel("capacity"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
        NeighbourhoodTargeting.targeting_panel(),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("place")]
    parent_page_types = ["announcements.AnnouncementIndexPage"]
    subpage_types: list[str] = []
    template = "announcements/event_page.html"

    class Meta:
        verbose_name = _("event or workshop")
        verbose_name_plural = _("events and workshops")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError({"capacity": _("An event needs at least one place.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    def get_context(self, request, *args, **kwargs):
        from .permissions import can_sign_up
        from .selectors import event_counts, registration_of

        context = super().get_context(request, *args, **kwargs)
        context["counts"] = event_counts(event=self)
        context["registration"] = registration_of(event=self, user=request.user)
        context["can_sign_up"] = can_sign_up(request.user, self)
        return context
