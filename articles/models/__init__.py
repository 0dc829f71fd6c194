"""Articles, sections, tags and the relations between them."""

from .articles import Article, ArticleQuerySet
from .relations import ArticleImage, Byline, Mention, RelatedArticle, RelatedHeadline
from .sections import Section
from .tags import Tag, TaggedArticle
from .workflow import ArticleEvent, Correction

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleImage",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Mention",
    "RelatedArticle",
    "RelatedHeadline",
    "Section",
    "Tag",
    "TaggedArticle",
]
