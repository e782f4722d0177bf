from django.db import migrations

SKILLS = [
    ("tutoring-french", "Soutien scolaire en français", "Bijles Frans", "Tutoring in French"),
    ("company", "Compagnie et visites", "Gezelschap en bezoek", "Company and visits"),
    ("groceries", "Courses", "Boodschappen", "Groceries"),
    ("repairs", "Petites réparations", "Kleine herstellingen", "Small repairs"),
    ("transport", "Transport", "Vervoer", "Transport"),
    ("digital", "Aide numérique", "Digitale hulp", "Digital help"),
    ("garden", "Jardinage", "Tuinieren", "Gardening"),
    ("pets", "Animaux", "Huisdieren", "Pets"),
    ("paperwork", "Papiers et démarches", "Papierwerk", "Paperwork"),
]


def create(apps, schema_editor):
    HelpSkill = apps.get_model("care", "HelpSkill")
    for order, (code, fr, nl, en) in enumerate(SKILLS):
        HelpSkill.objects.get_or_create(
            code=code, defaults={"name_fr": fr, "name_nl": nl, "name_en": en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
