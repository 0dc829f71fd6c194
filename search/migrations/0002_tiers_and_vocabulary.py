from importlib import import_module

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

run_for_vendor = import_module("search.migrations.0001_initial").run_for_vendor

POSTGRES_CREATE = [
    "ALTER TABLE search_articleindex ADD COLUMN title tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_articleindex_title ON search_articleindex USING gin (title)",
    # Vectors written before this migration have no title: rebuild_search_index fills it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_word_trigrams ON search_word USING gin (word gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_word_trigrams",
    "ALTER TABLE search_articleindex DROP COLUMN IF EXISTS title",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="articleindex", name="title", field=SearchVectorField(default="")
        ),
        migrations.CreateModel(
            name="Word",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
                ("documents", models.PositiveIntegerField(default=0)),
                ("headlines", models.PositiveIntegerField(default=0)),
                ("titles", models.PositiveIntegerField(default=0)),
            ],
            options={"ordering": ["word"]},
        ),
        migrations.RunPython(
            run_for_vendor({"postgresql": POSTGRES_CREATE}),
            run_for_vendor({"postgresql": POSTGRES_DROP}),
        ),
    ]
