import datetime

from django.utils import timezone

from neighbour_help.models import CallOut, HelpOffer, HelpSkill, VolunteerConsent
from neighbourhoods.selectors import active_membership

SKILLS = [
    ("tutoring-french", "Soutien scolaire en français"),
    ("company", "Compagnie et visites"),
    ("groceries", "Courses"),
    ("repairs", "Petites réparations"),
    ("digital", "Aide numérique"),
    ("garden", "Jardinage"),
    ("pets", "Animaux"),
]


def skills():
    """The city's list (the data migration's rows vanish in transactional tests)."""
    out = {}
    for order, (code, name) in enumerate(SKILLS):
        out[code], _ = HelpSkill.objects.get_or_create(
            code=code, defaults={"name_fr": name, "name_nl": name, "order": order}
        )
    return out


def offer(*, user, skill_list, availability="Le samedi matin"):
    membership = active_membership(user=user)
    o = HelpOffer.objects.create(
        user=user, neighbourhood=membership.neighbourhood, availability=availability
    )
    o.skills.set(skill_list)
    return o


def consent(*, user, share_name=True, share_email=True, share_phone=False, phone=""):
    return VolunteerConsent.objects.create(
        user=user,
        share_name=share_name,
        share_email=share_email,
        share_phone=share_phone,
        phone=phone,
    )


def callout(**kwargs):
    when = timezone.now() + datetime.timedelta(days=3)
    defaults = {
        "title": "Canicule : visites aux aînés",
        "place": "Mons-Centre",
        "when": when,
        "needed": 5,
        "answers_until": when,
    }
    defaults.update(kwargs)
    return CallOut.objects.create(**defaults)
