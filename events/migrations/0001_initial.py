import django.db.models.deletion
from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    """Create the database cache's table (tag versions, throttles) where settings name one."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="OutboxEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(help_text="What happened, e.g. article.published.", max_length=40)),
                ("payload", models.JSONField(default=dict, help_text="The ids the change concerns.")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("done_at", models.DateTimeField(blank=True, help_text="When every effect of the event had run.", null=True)),
            ],
            options={
                "ordering": ["pk"],
                "get_latest_by": "pk",
                "indexes": [models.Index(condition=models.Q(("done_at__isnull", True)), fields=["id"], name="outbox_pending")],
            },
        ),
        migrations.CreateModel(
            name="Marker",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("at", models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name="Delivery",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("effect", models.CharField(help_text="The registered effect's name.", max_length=60)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("next_try", models.DateTimeField(help_text="When it may be tried next: after a failure's backoff, or a claim's lease.")),
                ("done_at", models.DateTimeField(blank=True, null=True)),
                ("claim", models.CharField(blank=True, help_text="The token of its last claim.", max_length=32)),
                ("last_error", models.TextField(blank=True)),
                ("event", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="deliveries", to="events.outboxevent")),
            ],
            options={
                "verbose_name_plural": "deliveries",
                "ordering": ["pk"],
                "constraints": [models.UniqueConstraint(fields=("event", "effect"), name="one_delivery_per_effect")],
            },
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
