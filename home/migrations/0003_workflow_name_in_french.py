"""Wagtail's default workflow is named in English ("Moderators approval"): the French editor
then reads "Soumettre à Moderators approval". Workflow names are data, not translatable
strings, so the city's default language is used."""

from django.db import migrations

OLD = "Moderators approval"
NEW = "l’approbation des modérateurs"


def rename(apps, schema_editor, old=OLD, new=NEW):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]
    operations = [migrations.RunPython(rename, rename_back)]
