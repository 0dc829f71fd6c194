from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

from search.fields import FtsMatchField

# Column weights: headline, then standfirst with people's names and tags, then body.
SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_articlefts USING fts5(
        headline, secondary, body,
        tokenize = 'porter unicode61 remove_diacritics 2',
        prefix = '3'
    )""",
    "INSERT INTO search_articlefts(search_articlefts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_articlefts"]
POSTGRES_CREATE = [
    # No foreign key: the table is unmanaged, so Django's flush (tests) truncates
    # articles_article without it and a constraint would refuse; the post_delete signal
    # removes an article's row instead.
    """CREATE TABLE search_articleindex (
        article_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX search_articleindex_document ON search_articleindex USING gin (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_articleindex"]


def run_for_vendor(statements: dict):
    """Return a RunPython function running the statements for the database in use."""

    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="ArticleIndex",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="search_index",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("document", SearchVectorField()),
            ],
            options={"db_table": "search_articleindex", "managed": False},
        ),
        migrations.CreateModel(
            name="ArticleFts",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="search_fts",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("headline", models.TextField()),
                ("secondary", models.TextField()),
                ("body", models.TextField()),
                ("document", FtsMatchField(db_column="search_articlefts")),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "search_articlefts", "managed": False},
        ),
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run_for_vendor({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
