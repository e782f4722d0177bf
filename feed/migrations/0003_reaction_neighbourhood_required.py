import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0002_reaction_neighbourhood"),
        ("neighbourhoods", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reaction",
            name="neighbourhood",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="neighbourhoods.neighbourhood",
                verbose_name="neighbourhood",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["neighbourhood", "created_at"], name="feed_post_hood_created"
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                condition=models.Q(("status", "removed")), fields=["id"], name="feed_post_removed"
            ),
        ),
        migrations.AddIndex(
            model_name="reaction",
            index=models.Index(
                fields=["neighbourhood", "created_at"], name="feed_reaction_hood_created"
            ),
        ),
    ]
