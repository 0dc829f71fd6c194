"""The one search interface: readers' page, the admin and the API all call `search_articles`."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import ModuleType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from articles.models import Article, Byline, Mention, Section, Tag
from people.models import Person

from . import postgres, sqlite
from .documents import names_by_article
from .query import ParsedQuery, parse_query
from .ranking import Listed, ListedFirst
from .recency import AgeInDays
from .snippets import to_html

ENGINES = {"postgresql": postgres, "sqlite": sqlite}
ORDERS = ("relevance", "newest")


def engine_for(using: str) -> ModuleType:
    """Return the search engine module for the database alias `using`."""
    vendor = connections[using].vendor
    try:
        return ENGINES[vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"Search supports PostgreSQL and SQLite, not {vendor}."
        ) from None


@dataclass(frozen=True)
class SearchResults:
    query: ParsedQuery
    # Every ranked match in order, annotated with `search_rank` (higher comes first): what
    # the API and the admin filter and page through.
    articles: QuerySet
    searched: QuerySet  # what was searched, after the filters
    ids: tuple[int, ...] = ()  # the ranked articles' ids, in order
    capped: bool = False  # True when more articles matched than were ranked

    def fetch(self, ids: Sequence[int]) -> list[Article]:
        """Return the articles with the given ids, in that order, ready to list.

        Each gets `writers`, the names on its byline, read as plain values in one query;
        bodies are not loaded.
        """
        ids = list(ids)
        found = self.searched.filter(pk__in=ids).order_by().select_related("section")
        by_id = {article.pk: article for article in found.defer("body")}
        writers = names_by_article(list(by_id), self.searched.db, relations=[Byline])
        for article in by_id.values():
            article.writers = writers[article.pk]
        return [by_id[pk] for pk in ids if pk in by_id]

    def highlight(self, articles) -> list[Article]:
        """Set `snippet` (safe HTML with <mark>ed matches) on each of the given articles."""
        articles = list(articles)
        if not self.query or not articles:
            return articles
        engine = engine_for(self.articles.db)
        marked = engine.snippets([a.pk for a in articles], self.query, self.articles.db)
        for article in articles:
            article.snippet = to_html(marked[article.pk]) if marked.get(article.pk) else ""
        return articles


def search_articles(
    query: str,
    *,
    queryset: QuerySet | None = None,
    order: str = "relevance",
    section: Section | None = None,
    tag: Tag | None = None,
    person: Person | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    complete_last_word: bool = False,
) -> SearchResults:
    """Return the articles of `queryset` (default: published ones) matching `query`, ranked.

    `complete_last_word` is for search as you type: the last word finds longer words too.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}.")
    parsed = parse_query(query, complete_last_word=complete_last_word)
    queryset = Article.objects.published() if queryset is None else queryset
    queryset = filter_articles(
        queryset, section=section, tag=tag, person=person, date_from=date_from, date_to=date_to
    )
    if not parsed:
        return SearchResults(parsed, queryset.none(), queryset.none())
    ids, capped = rank_matches(queryset, parsed, order)
    matches = queryset.filter(Listed(ids)).annotate(search_rank=ListedFirst(ids))
    return SearchResults(parsed, matches.order_by("-search_rank"), queryset, tuple(ids), capped)


def rank_matches(queryset: QuerySet, parsed: ParsedQuery, order: str) -> tuple[list[int], bool]:
    """Return the ids of the matches in `order`, and whether some matches were left out.

    Only the SEARCH_CANDIDATES most recently added matches are ranked. Scoring every match
    of a word found in most articles costs far more than a reader waits, while news readers
    want recent stories first anyway; filters and dates reach further back.
    """
    limit = settings.SEARCH_CANDIDATES
    newest = engine_for(queryset.db).newest_matches(queryset, parsed)
    # Ages travel as plain numbers: loading a thousand timestamps costs more than the query.
    aged = newest.annotate(age=AgeInDays("published_at"))
    rows = list(aged.values_list("pk", "relevance", "age")[:limit])
    rows.sort(key=by_relevance if order == "relevance" else by_date, reverse=True)
    return [pk for pk, _, _ in rows], len(rows) >= limit


def by_date(row: tuple) -> tuple:
    """Sort key of an (id, relevance, age in days) row: newest first, undated last."""
    pk, _, age = row
    return (age is not None, -(age or 0.0), pk)


def by_relevance(row: tuple) -> tuple:
    """Sort key of an (id, relevance, age in days) row: best match first, then newest."""
    return (row[1], *by_date(row))


def filter_articles(
    queryset: QuerySet,
    *,
    section: Section | None = None,
    tag: Tag | None = None,
    person: Person | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet:
    """Narrow `queryset` to a section, a topic, a person and a range of publication dates."""
    if section is not None:
        queryset = queryset.in_section(section)
    if tag is not None:
        queryset = queryset.tagged(tag)
    if person is not None:
        queryset = queryset.filter(involving(person))
    if date_from is not None:
        queryset = queryset.filter(published_at__gte=start_of(date_from))
    if date_to is not None:
        queryset = queryset.filter(published_at__lt=start_of(date_to + timedelta(days=1)))
    return queryset


def involving(person: Person) -> Q:
    """Return a condition true for articles that mention `person` or carry their byline."""
    mentions = Mention.objects.filter(article=OuterRef("pk"), person=person)
    bylines = Byline.objects.filter(article=OuterRef("pk"), person=person)
    return Exists(mentions) | Exists(bylines)


def start_of(day: date) -> datetime:
    """Return midnight at the start of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))
