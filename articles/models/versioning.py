"""Register articles with django-reversion so each revision holds the whole article."""

import reversion

from .articles import Article
from .relations import ArticleImage, Byline, Mention, RelatedArticle, RelatedHeadline
from .tags import TaggedArticle

# Corrections and workflow events are a public record, not content: restoring an old
# revision must never delete a correction, so revisions leave them out.
ARTICLE_FOLLOWS = (
    "bylines",
    "mentions",
    "tagged_items",
    "images",
    "related_links",
    "related_headlines",
)
RELATION_MODELS = (Byline, Mention, TaggedArticle, ArticleImage, RelatedArticle, RelatedHeadline)


def register_article_versions() -> None:
    """Register the article and its relations, once."""
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=ARTICLE_FOLLOWS)
    for model in RELATION_MODELS:
        reversion.register(model)


register_article_versions()
