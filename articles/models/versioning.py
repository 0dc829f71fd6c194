"""Register articles with django-reversion so each revision holds the whole article."""

import reversion
from django.db import models
from reversion.models import Revision

from .articles import Article
from .relations import ArticleImage, Byline, Mention, RelatedArticle, RelatedHeadline
from .tags import TaggedArticle
from .workflow import ArticleEvent, Correction

# Corrections and workflow events are a public record, not content: restoring an old
# revision must never delete a correction, so the article does not follow them. They are
# registered on their own, so the revision in which each was made holds a copy, and
# recovering a deleted article can bring them back (see services.revisions).
ARTICLE_FOLLOWS = (
    "bylines",
    "mentions",
    "tagged_items",
    "images",
    "related_links",
    "related_headlines",
)
RELATION_MODELS = (Byline, Mention, TaggedArticle, ArticleImage, RelatedArticle, RelatedHeadline)
RECORD_MODELS = (Correction, ArticleEvent)


class ArticleVersionNumber(models.Model):
    """The version number an article had when a revision recorded it.

    Kept beside reversion's own tables so that the revision of a given version is one
    indexed query, not a walk through serialised copies. The article is named by id, not
    by a foreign key, so the record outlives a deleted article as its revisions do.
    """

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="article_numbers")
    article_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField(help_text="The article's version in this revision.")

    class Meta:
        ordering = ["-revision_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "article_id"], name="article_version_number_once"
            )
        ]
        indexes = [
            models.Index(fields=["article_id", "number"], name="article_version_number"),
        ]

    def __str__(self):
        return f"Article {self.article_id} v{self.number}"


def register_article_versions() -> None:
    """Register the article and its relations, once."""
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=ARTICLE_FOLLOWS)
    for model in (*RELATION_MODELS, *RECORD_MODELS):
        reversion.register(model)


register_article_versions()
