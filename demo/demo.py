"""Dutch and English versions of the demo's content, seeded after every app's French content.

Each page becomes a Wagtail translation of its French original (same translation_key), so the
reader's language helper finds it and "once per household" rules hold across languages.
"""

import re

from wagtail.models import Locale, Page

from . import translations as T

LANGUAGES = ("nl", "en")


def _translated(page, locale):
    """The page's translation in `locale` (created, with parent aliases, when missing)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    return page.copy_for_translation(locale, copy_parents=True).specific


def _publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save()
    page.save_revision().publish()


def _pattern(template: str) -> re.Pattern:
    text = re.escape(template)
    text = text.replace(re.escape("{street}"), "à (?P<hood>.+?)")
    for name in ("hood", "d1", "d2"):
        placeholder = re.escape("{" + name + "}")
        text = text.replace(placeholder, f"(?P<{name}>.+?)", 1).replace(placeholder, f"(?P={name})")
    return re.compile(f"^{text}$")


def _announcements(locales, log):
    from announcements.demo import MESSAGES
    from announcements.models import AnnouncementPage, EventPage

    templates = [
        (category, i, _pattern(title), _pattern(summary))
        for category, items in MESSAGES.items()
        for i, (title, summary) in enumerate(items)
    ]
    count = 0
    for page in AnnouncementPage.objects.filter(locale__language_code="fr").order_by("pk"):
        for category, i, title_re, summary_re in templates:
            match = title_re.match(page.title)
            if category != page.category or not match:
                continue
            words = {"hood": match["hood"], "d1": "", "d2": ""}
            found = summary_re.match(page.summary)
            if found:
                words.update(found.groupdict())
            for code, locale in locales.items():
                title, summary = T.MESSAGES[code][category][i]
                summary = summary.format(**words)
                _publish(
                    _translated(page, locale),
                    title=title.format(**words),
                    summary=summary,
                    body=[("paragraph", f"<p>{summary}</p>")],
                )
                count += 1
            break
    for page in EventPage.objects.filter(locale__language_code="fr"):
        titles = T.EVENTS.get(page.title)
        if not titles:
            continue
        for code, locale in locales.items():
            summary, place = T.EVENT_TEXT[code]
            _publish(_translated(page, locale), title=titles[code], summary=summary, place=place)
            count += 1
    log(f"  {count} translated announcements and events")


def _hubs_and_pages(locales):
    from home.models import HomePage, StandardPage
    from neighbourhoods.models import NeighbourhoodPage

    for code, locale in locales.items():
        for home in HomePage.objects.filter(locale=locale):
            _publish(home, intro=T.HOME_INTRO[code])
        contact = T.HUB_CONTACT[code]
        for hub in NeighbourhoodPage.objects.filter(locale=locale):
            _publish(
                hub,
                body=[
                    ("heading", contact["heading"]),
                    (
                        "contact",
                        {
                            "name": contact["name"],
                            "role": contact["role"],
                            "email": "quartiers@mons.be",
                            "phone": "065 40 50 00",
                        },
                    ),
                ],
            )
    for page in StandardPage.objects.filter(locale__language_code="fr"):
        versions = T.STANDARD_PAGES.get(page.slug)
        for code, locale in locales.items():
            if versions:
                title, intro = versions[code]
                _publish(_translated(page, locale), title=title, intro=intro)


def _call(locales):
    from initiatives.models import CallForInitiativesPage

    for call in CallForInitiativesPage.objects.filter(locale__language_code="fr"):
        for code, locale in locales.items():
            _publish(_translated(call, locale), **T.CALL[code])


def _survey(locales):
    from surveys.models import SurveyPage

    for survey in SurveyPage.objects.filter(locale__language_code="fr", live=True):
        questions = T.SURVEY["nl"]["questions"]
        if not any(f.label in questions for f in survey.survey_fields.all()):
            continue
        low, high = T.SURVEY_SCALE_ENDS_FR
        survey.survey_fields.filter(field_type="scale").update(low_label=low, high_label=high)
        SurveyPage.objects.get(pk=survey.pk).save_revision().publish()
        french = {f.sort_order: f.label for f in survey.survey_fields.all()}
        for code, locale in locales.items():
            page = _translated(survey, locale)
            for field in page.survey_fields.all():
                row = T.SURVEY[code]["questions"].get(french.get(field.sort_order, ""))
                if row is None:
                    continue
                label, choices, ends = row
                field.label = label
                if choices:
                    field.choices = choices
                if ends:
                    field.low_label, field.high_label = ends
                field.save()
            page = SurveyPage.objects.get(pk=page.pk)
            _publish(page, intro=T.SURVEY[code]["intro"])


def _budget(locales):
    from budgets.models import BudgetRoundPage

    page = BudgetRoundPage.objects.filter(
        locale__language_code="fr", slug="budget-participatif-2026"
    ).first()
    if page is None:
        return
    for code, locale in locales.items():
        translated = _translated(page, locale)
        for project in translated.projects.all():
            names = T.PROJECTS.get(project.title)
            if names:
                project.title = names[0 if code == "nl" else 1]
                project.save()
        translated = BudgetRoundPage.objects.get(pk=translated.pk)
        _publish(translated, **T.BUDGET[code])


def seed(*, scale, rng, log):
    if not Page.objects.filter(depth=2, locale__language_code="fr").exists():
        return
    locales = {
        code: locale
        for code in LANGUAGES
        if (locale := Locale.objects.filter(language_code=code).first()) is not None
    }
    _hubs_and_pages(locales)
    _call(locales)
    _survey(locales)
    _budget(locales)
    _announcements(locales, log)
    log("  Dutch and English: home, hubs, statements, call, survey, budget round")
