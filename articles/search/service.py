"""The one search interface: readers' page, the admin and the API all call `search_articles`."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from articles.models import Article, Byline, Mention, Section, Tag
from people.models import Person

from . import postgres, sqlite
from .query import ParsedQuery, parse_query
from .snippets import to_html

ENGINES = {"postgresql": postgres, "sqlite": sqlite}
ORDERS = {
    "relevance": ("-relevance", "-published_at", "-pk"),
    "newest": ("-published_at", "-pk"),
}


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
    articles: QuerySet  # ordered; annotated with `relevance` when the query has words

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
) -> SearchResults:
    """Return the articles of `queryset` (default: published ones) matching `query`, ranked."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}.")
    parsed = parse_query(query)
    queryset = Article.objects.published() if queryset is None else queryset
    queryset = filter_articles(
        queryset, section=section, tag=tag, person=person, date_from=date_from, date_to=date_to
    )
    if not parsed:
        return SearchResults(parsed, queryset.none())
    matches = engine_for(queryset.db).match(queryset, parsed)
    return SearchResults(parsed, matches.order_by(*ORDERS[order]))


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
