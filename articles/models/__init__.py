"""Articles, sections, tags and the relations between them."""

from .articles import Article, ArticleQuerySet
from .relations import ArticleImage, Byline, Mention, RelatedArticle, RelatedHeadline
from .sections import Section
from .tags import Tag, TaggedArticle

__all__ = [
    "Article",
    "ArticleImage",
    "ArticleQuerySet",
    "Byline",
    "Mention",
    "RelatedArticle",
    "RelatedHeadline",
    "Section",
    "Tag",
    "TaggedArticle",
]
