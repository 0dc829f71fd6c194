"""The two index tables: one per database engine, created by migration 0001 for that engine.

Neither is managed by Django: PostgreSQL keeps a weighted tsvector in a side table, SQLite an
FTS5 virtual table. Both share the article's id, so the ORM can join them to articles.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.models import Article

from .fields import FtsMatchField


class ArticleIndex(models.Model):
    """PostgreSQL: an article's weighted tsvector, one row per article."""

    article = models.OneToOneField(
        Article,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_index",
    )
    document = SearchVectorField()

    class Meta:
        managed = False
        db_table = "search_articleindex"

    def __str__(self):
        return f"Index of article {self.article_id}"


class ArticleFts(models.Model):
    """SQLite: an FTS5 row per article whose rowid is the article's id."""

    article = models.OneToOneField(
        Article,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_fts",
    )
    headline = models.TextField()
    secondary = models.TextField()
    body = models.TextField()
    document = FtsMatchField(db_column="search_articlefts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_articlefts"

    def __str__(self):
        return f"Full-text row of article {self.article_id}"
