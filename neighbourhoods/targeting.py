"""Neighbourhood targeting for page types: one, several or all neighbourhoods.

One mixin for every page a communications officer addresses to neighbourhoods (announcements,
events, surveys, calls for initiatives): the fields, the editor panel, the editor's check and the
selectors. Capability apps import it; it imports none of them.

The check lives in the admin form (`TargetingFormMixin.clean`), not in `Page.clean()`: Wagtail
builds the page from the form and validates it before the many-to-many is written, so the model
sees no neighbourhoods yet; the form's cleaned data is what the editor ticked.
"""

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

NO_AUDIENCE_MESSAGE = _(
    "Choose at least one neighbourhood, or tick “all neighbourhoods”, before publishing."
)


class TargetingFormMixin:
    """For a page's admin form: publishing needs an audience; a draft may be saved without one.

    Wagtail defers required fields when the editor only saves a draft
    (`is_deferred_validation`); publishing or submitting for moderation checks the audience.
    """

    def clean(self):
        cleaned = super().clean()
        if "neighbourhoods" not in self.fields:
            return cleaned
        if getattr(self, "is_deferred_validation", False):
            return cleaned
        if not cleaned.get("all_neighbourhoods") and not cleaned.get("neighbourhoods"):
            self.add_error("neighbourhoods", NO_AUDIENCE_MESSAGE)
        return cleaned


class TargetedPageForm(TargetingFormMixin, WagtailAdminPageForm):
    pass


class NeighbourhoodTargeting(models.Model):
    """Page mixin: whom the page addresses. Nothing is ticked on a new page."""

    all_neighbourhoods = models.BooleanField(
        _("all neighbourhoods"),
        default=False,
        help_text=_("Tick to address every neighbourhood of the city."),
    )
    neighbourhoods = ParentalManyToManyField(
        "neighbourhoods.Neighbourhood",
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhoods"),
        help_text=_(
            "The neighbourhoods whose hubs show this page. A draft may be saved without any; "
            "publishing needs at least one, or “all neighbourhoods”."
        ),
    )

    base_form_class = TargetedPageForm

    class Meta:
        abstract = True

    @classmethod
    def targeting_panel(cls, heading=None, extra=()):
        return MultiFieldPanel(
            [
                FieldPanel("all_neighbourhoods"),
                FieldPanel("neighbourhoods", widget=forms.CheckboxSelectMultiple),
                *extra,
            ],
            heading=heading or _("Neighbourhoods addressed"),
        )

    def targets(self, *, neighbourhood_id: int) -> bool:
        """Does this page address the neighbourhood `neighbourhood_id`?"""
        if self.all_neighbourhoods:
            return True
        # .all() uses a prefetch when there is one (feeds list many pages).
        return any(n.pk == neighbourhood_id for n in self.neighbourhoods.all())


def targeted_to(queryset, neighbourhood):
    """The pages of `queryset` that address `neighbourhood` (one query, no duplicates)."""
    model = queryset.model
    link = model.neighbourhoods.through.objects.filter(
        **{model._meta.model_name: OuterRef("pk")},
        neighbourhood=neighbourhood,
    )
    return queryset.filter(Q(all_neighbourhoods=True) | Exists(link))
