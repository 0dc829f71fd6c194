"""What the index holds for an article: its text, split into three weighted fields."""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Byline, Mention, TaggedArticle

TAG = re.compile(r"<[^>]*>")
# Decoded angle brackets would read as markup to PostgreSQL's parser, which then skips text.
SPACE = re.compile(r"[\s<>]+")


@dataclass(frozen=True)
class IndexDocument:
    article_id: int
    headline: str  # weight A
    secondary: str  # weight B: kicker, standfirst, people's names, tags
    body: str  # weight C: the body as plain text


def plain_text(markup: str) -> str:
    """Return the words of sanitised HTML: tags become spaces, entities are decoded."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup or ""))).strip()


def with_indexed_relations(queryset: QuerySet) -> QuerySet:
    """Prefetch the names and tags a document needs, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("person")),
        Prefetch("mentions", queryset=Mention.objects.select_related("person")),
        Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
    )


def document_for(article: Article) -> IndexDocument:
    """Return the index document of an article fetched with `with_indexed_relations`."""
    names = [item.person.full_name for item in [*article.bylines.all(), *article.mentions.all()]]
    tags = [item.tag.name for item in article.tagged_items.all()]
    secondary = " ".join([article.kicker, article.standfirst, *dict.fromkeys(names), *tags])
    return IndexDocument(
        article_id=article.pk,
        headline=article.headline,
        secondary=plain_text(secondary),
        body=plain_text(article.body),
    )


def documents_for(article_ids: Iterable[int], using: str) -> list[IndexDocument]:
    """Return the documents of the given articles (missing ids are skipped)."""
    articles = Article.objects.using(using).filter(pk__in=set(article_ids))
    articles = with_indexed_relations(articles)
    return [document_for(article) for article in articles.order_by()]


def all_documents(batch_size: int, using: str) -> Iterator[list[IndexDocument]]:
    """Yield the documents of every article in batches, in id order."""
    last_id = 0
    while True:
        batch = Article.objects.using(using).filter(pk__gt=last_id).order_by("pk")
        batch = with_indexed_relations(batch)
        articles = list(batch[:batch_size])
        if not articles:
            return
        yield [document_for(article) for article in articles]
        last_id = articles[-1].pk
