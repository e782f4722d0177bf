"""Reaction.neighbourhood (copied from the post), step 1: nullable column, filled from the posts.

Step 2 (0003) makes it NOT NULL and adds the indexes: on PostgreSQL the fill leaves deferred
foreign-key checks pending, and ALTER TABLE cannot run in the same transaction.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_from_posts(apps, schema_editor):
    Post = apps.get_model("feed", "Post")
    Reaction = apps.get_model("feed", "Reaction")
    # One UPDATE in the database, whatever the volumes.
    Reaction.objects.filter(neighbourhood__isnull=True).update(
        neighbourhood_id=models.Subquery(
            Post.objects.filter(pk=models.OuterRef("post_id")).values("neighbourhood_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0001_initial"),
        ("neighbourhoods", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reaction",
            name="neighbourhood",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="neighbourhoods.neighbourhood",
                verbose_name="neighbourhood",
            ),
        ),
        migrations.RunPython(fill_from_posts, migrations.RunPython.noop),
    ]
