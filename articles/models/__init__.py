"""Articles, sections, tags and the relations between them."""

# Imported for its side effect: the article and its relations are registered with reversion.
from . import versioning  # noqa: F401
from .articles import Article, ArticleQuerySet, card_bylines
from .autosave import Autosave
from .relations import ArticleImage, Byline, Mention, RelatedArticle, RelatedHeadline
from .sections import FormerSectionSlug, Section
from .tags import FormerTagSlug, Tag, TaggedArticle
from .versioning import ArticleVersionNumber
from .workflow import ArticleEvent, Correction

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleImage",
    "ArticleQuerySet",
    "ArticleVersionNumber",
    "Autosave",
    "Byline",
    "Correction",
    "FormerSectionSlug",
    "FormerTagSlug",
    "Mention",
    "RelatedArticle",
    "RelatedHeadline",
    "Section",
    "Tag",
    "TaggedArticle",
    "card_bylines",
]
