"""What the index holds for an article: its text, split into three weighted fields."""

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from articles.models import Article, Byline, Mention, TaggedArticle

TAG = re.compile(r"<[^>]*>")
# Decoded angle brackets would read as markup to PostgreSQL's parser, which then skips text.
SPACE = re.compile(r"[\s<>]+")
TEXT_FIELDS = ("pk", "headline", "kicker", "standfirst", "body")


@dataclass(frozen=True)
class IndexDocument:
    article_id: int
    headline: str  # weight A
    secondary: str  # weight B: kicker, standfirst, people's names, tags
    body: str  # weight C: the body as plain text


def plain_text(markup: str) -> str:
    """Return the words of sanitised HTML: tags become spaces, entities are decoded."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup or ""))).strip()


def names_by_article(
    article_ids: list[int], using: str, relations=(Byline, Mention)
) -> dict[int, list[str]]:
    """Return the names of each article's bylined and mentioned people, bylines first."""
    names = defaultdict(list)
    for model in relations:
        rows = model.objects.using(using).filter(article_id__in=article_ids)
        for article_id, name in rows.order_by("position", "pk").values_list(
            "article_id", "person__full_name"
        ):
            names[article_id].append(name)
    return names


def tags_by_article(article_ids: list[int], using: str) -> dict[int, list[str]]:
    """Return the names of each article's tags."""
    tags = defaultdict(list)
    rows = TaggedArticle.objects.using(using).filter(content_object_id__in=article_ids)
    for article_id, name in rows.order_by("pk").values_list("content_object_id", "tag__name"):
        tags[article_id].append(name)
    return tags


def documents_from(rows: list[tuple], using: str) -> list[IndexDocument]:
    """Return the documents of article rows holding TEXT_FIELDS, in three more queries."""
    ids = [row[0] for row in rows]
    names, tags = names_by_article(ids, using), tags_by_article(ids, using)
    documents = []
    for pk, headline, kicker, standfirst, body in rows:
        secondary = " ".join([kicker, standfirst, *dict.fromkeys(names[pk]), *tags[pk]])
        documents.append(
            IndexDocument(pk, headline, secondary=plain_text(secondary), body=plain_text(body))
        )
    return documents


def documents_for(article_ids: Iterable[int], using: str) -> list[IndexDocument]:
    """Return the documents of the given articles (missing ids are skipped)."""
    articles = Article.objects.using(using).filter(pk__in=set(article_ids)).order_by()
    return documents_from(list(articles.values_list(*TEXT_FIELDS)), using)


def all_documents(batch_size: int, using: str) -> Iterator[list[IndexDocument]]:
    """Yield the documents of every article in batches, in id order."""
    last_id = 0
    while True:
        batch: QuerySet = Article.objects.using(using).filter(pk__gt=last_id).order_by("pk")
        rows = list(batch.values_list(*TEXT_FIELDS)[:batch_size])
        if not rows:
            return
        yield documents_from(rows, using)
        last_id = rows[-1][0]
