"""The one search interface: readers' page, the admin and the API all call `search_articles`."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from types import ModuleType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from articles.models import Article, Byline, Mention, Section, Tag
from people.models import Person

from . import postgres, sqlite, vocabulary
from .facets import Facets, facets_of
from .query import ParsedQuery, parse_query
from .ranking import Listed, ListedFirst
from .recency import boost
from .snippets import to_html
from .tiers import ANYWHERE, TIERS

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
    # False when more articles matched than `ids` lists (the first SEARCH_DEPTH, or the
    # emergency SEARCH_CANDIDATES cap): the count then reads "more than".
    exact: bool = True
    # The archive's counts of the query's words (search/vocabulary.py), read once.
    words: dict = field(default_factory=dict)

    @property
    def capped(self) -> bool:
        """Return True when more articles matched than were listed."""
        return not self.exact

    def fetch(self, ids: Sequence[int]) -> list[Article]:
        """Return the articles with the given ids, in that order, ready to list.

        Each comes with its section and its bylines' people (two more queries, whatever
        the page's length); bodies are not loaded.
        """
        ids = list(ids)
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("person"))
        found = self.searched.filter(pk__in=ids).order_by().select_related("section")
        by_id = {article.pk: article for article in found.defer("body").prefetch_related(bylines)}
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
    query: str | ParsedQuery,
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
    if isinstance(query, ParsedQuery):
        parsed = query
    else:
        parsed = parse_query(query, complete_last_word=complete_last_word)
    queryset = Article.objects.published() if queryset is None else queryset
    queryset = filter_articles(
        queryset, section=section, tag=tag, person=person, date_from=date_from, date_to=date_to
    )
    if not parsed:
        return SearchResults(parsed, queryset.none(), queryset.none())
    words = vocabulary.counts_of(parsed, queryset.db)
    ids, exact = rank_matches(queryset, parsed, order, words)
    matches = queryset.filter(Listed(ids)).annotate(search_rank=ListedFirst(ids))
    ranked = matches.order_by("-search_rank")
    return SearchResults(parsed, ranked, queryset, tuple(ids), exact, words)


@dataclass(frozen=True)
class Answer:
    """A reader's search with its help: a suggestion, a fallback, facets and named pages."""

    results: SearchResults
    asked: ParsedQuery  # what the reader typed
    suggestion: ParsedQuery | None = None  # "Did you mean …", from the archive's own words
    # When nothing matched what was asked: "suggestion" (the suggestion was searched) or
    # "any word" (articles holding any of the words), else "".
    instead: str = ""
    people: list = field(default_factory=list)  # people whose name is what was asked
    topics: list = field(default_factory=list)  # topics whose name is what was asked

    def facets(self) -> Facets:
        """Return the facets of the listed matches (bounded by SEARCH_DEPTH)."""
        return facets_of(list(self.results.ids), self.results.searched.db)


def answer(query: str, **filters) -> Answer:
    """Search as a reader does: with a suggestion for unknown words, a fallback when nothing
    matches, and the pages of people and topics named by the query."""
    results = search_articles(query, **filters)
    asked = results.query
    if not asked:
        return Answer(results, asked)
    using = results.searched.db
    suggestion = vocabulary.suggest(asked, results.words, engine_for(using), using)
    instead = ""
    if not results.ids:
        fallback, instead = fallback_for(asked, suggestion)
        results = search_articles(fallback, **filters) if fallback else results
    people, topics = named_pages(asked, using)
    return Answer(results, asked, suggestion, instead, people, topics)


def fallback_for(asked: ParsedQuery, suggestion) -> tuple[ParsedQuery | None, str]:
    """Return what to search when nothing matched `asked`, and which fallback it is."""
    if suggestion is not None:
        return suggestion, "suggestion"
    if len(asked.required) > 1:
        return replace(asked, any_word=True), "any word"
    return None, ""


def named_pages(asked: ParsedQuery, using: str) -> tuple[list, list]:
    """Return the people and topics with public work whose name is the query's text."""
    if asked.excluded or len(asked.text) < 3:
        return [], []
    public = Article.objects.using(using).published()
    people = Person.objects.using(using).matching_name(asked.text.strip('"'))
    people = people.filter(Exists(public.filter(mentions__person=OuterRef("pk"))) | Exists(
        public.filter(bylines__person=OuterRef("pk"))))  # fmt: skip
    topics = Tag.objects.using(using).filter(name__iexact=asked.text.strip('"'))
    topics = topics.filter(Exists(public.filter(tagged_items__tag=OuterRef("pk"))))
    return list(people.order_by("full_name")[:3]), list(topics.order_by("name")[:3])


def depth() -> int:
    """Return how many of the best matches a search lists, re-ranks and counts facets over."""
    cap = settings.SEARCH_CANDIDATES
    return min(settings.SEARCH_DEPTH, cap) if cap else settings.SEARCH_DEPTH


def rank_matches(
    queryset: QuerySet, parsed: ParsedQuery, order: str, words: dict
) -> tuple[list[int], bool]:
    """Return the ids of the best matches in `order`, and whether they are every match.

    Relevance walks the tiers (search/tiers.py): every match of the archive lands in its
    tier, and a tier's matches, newest added first, are re-ranked by their text score times
    a recency boost. A headline match from years ago still comes before this morning's
    body match; among equally placed matches the better score and the newer story win.
    """
    limit, engine = depth(), engine_for(queryset.db)
    if order == "newest":
        rows = engine.tier_matches(queryset, parsed, ANYWHERE, limit)
        return [pk for pk, _, _ in sorted(rows, key=by_date, reverse=True)], len(rows) < limit
    ranked: list[int] = []
    for tier in TIERS:
        if tier.counted and vocabulary.unreachable(parsed, tier.counted, words):
            continue  # no article holds some word there: walking the index would find none
        seen = set(ranked)
        rows = engine.tier_matches(queryset, parsed, tier, limit)
        fresh = [row for row in rows if row[0] not in seen][: limit - len(ranked)]
        ranked += [pk for pk, _, _ in sorted(fresh, key=by_relevance, reverse=True)]
        if len(ranked) >= limit:
            return ranked, False
    # The last tier holds every match: fewer than `limit` rows means all of them were read.
    return ranked, len(rows) < limit


def by_date(row: tuple) -> tuple:
    """Sort key of an (id, text score, age in days) row: newest first, undated last."""
    pk, _, age = row
    return (age is not None, -(age or 0.0), pk)


def by_relevance(row: tuple) -> tuple:
    """Sort key of an (id, text score, age in days) row: best boosted score first."""
    return (row[1] * boost(row[2]), *by_date(row))


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
