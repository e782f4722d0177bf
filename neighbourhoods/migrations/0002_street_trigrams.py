"""pg_trgm for "did you mean" street suggestions (PostgreSQL only; SQLite uses difflib)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS neighbourhoods_address_street_trgm "
            "ON neighbourhoods_address USING gin (street_key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS neighbourhoods_address_street_trgm")


class Migration(migrations.Migration):
    dependencies = [("neighbourhoods", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
