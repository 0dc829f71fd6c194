"""Register articles with django-reversion so each revision holds the whole article."""

import reversion

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


def register_article_versions() -> None:
    """Register the article and its relations, once."""
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=ARTICLE_FOLLOWS)
    for model in (*RELATION_MODELS, *RECORD_MODELS):
        reversion.register(model)


register_article_versions()
