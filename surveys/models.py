"""Survey pages (built in the CMS with Wagtail's form builder) and their responses.

Answers are stored one row per question (one per chosen option for multiple choice and ranking),
so every result is a GROUP BY in the database. Responses key on the page's `translation_key`:
the French, Dutch and English pages are one survey.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import SurveyField, SurveyPage  # noqa: F401  (Wagtail discovers page types in models)


class SurveyResponse(models.Model):
    """One completed survey. Who answered is kept only as far as the survey's rule needs it."""

    survey = models.ForeignKey(
        SurveyPage, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    # The page's translation_key: the same survey in every language.
    survey_key = models.UUIDField(_("survey identity"), db_index=True, editable=False)
    household = models.ForeignKey(
        "neighbourhoods.Household",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("household"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resident"),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    # Rounded down to the hour: enough for "answered on …", not enough to re-identify anyone.
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_key", "household"],
                condition=Q(household__isnull=False),
                name="survey_one_response_per_household",
            ),
            models.UniqueConstraint(
                fields=["survey_key", "user"],
                condition=Q(user__isnull=False),
                name="survey_one_response_per_resident",
            ),
        ]
        indexes = [models.Index(fields=["survey_key", "neighbourhood"])]

    def __str__(self):
        return f"{self.survey_key} #{self.pk}"


class Answer(models.Model):
    """One answer to one question (or one chosen option / ranked option)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    survey_key = models.UUIDField(editable=False)
    question = models.CharField(_("question"), max_length=255)
    # Language-independent option key: "0", "1"… (position in the options), "yes"/"no",
    # "for"/"against"/"neutral". Labels are looked up on the page at display time.
    choice = models.CharField(_("choice"), max_length=32, blank=True, default="")
    # Number and scale: the value; ranking: the rank; multiple choice: how many options ticked.
    number = models.FloatField(_("number"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, default="")
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            # Covers the results query (GROUP BY question, choice with number aggregates).
            models.Index(
                fields=["survey_key", "question", "choice", "number"], name="survey_answer_results"
            ),
        ]

    def __str__(self):
        return f"{self.question}={self.choice or self.number or self.text[:20]}"
