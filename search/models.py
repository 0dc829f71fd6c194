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
    title = SearchVectorField()  # the headline (A) and secondary (B) words alone
    document = SearchVectorField()  # every field: headline A, secondary B, body C

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


class Word(models.Model):
    """A word of the archive and how many articles hold it: what "Did you mean" draws on."""

    # Counted again from the articles by rebuild_index after a restore, so not archived.
    rebuilt_after_restore = True

    word = models.CharField(max_length=40, unique=True)
    # Counted as articles are indexed; an edit that drops a word leaves it counted until
    # the next rebuild, which is harmless for suggestions.
    documents = models.PositiveIntegerField(default=0)
    # Of those, the articles holding it in the headline, and in the headline or secondary
    # text: a tier that none of a query's words reach is not searched.
    headlines = models.PositiveIntegerField(default=0)
    titles = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word
