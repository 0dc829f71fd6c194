"""Counts by section, topic, person and year over a search's best matches.

The cost is bounded: facets count over the ranked ids the search already holds (at most
SEARCH_DEPTH, 1,000 by default), never over every match, in three queries whatever the
archive's size. When a search has more matches than that, the page says the counts are of
the best ones.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from articles.models import Article, Byline, Mention, TaggedArticle

from .ranking import Listed

SHOWN = 8  # values shown per facet, most frequent first


@dataclass(frozen=True)
class Facet:
    label: str
    value: str  # what the search form's filter takes (a slug, or a year)
    count: int


@dataclass(frozen=True)
class Facets:
    sections: list[Facet]
    topics: list[Facet]
    people: list[Facet]
    years: list[Facet]

    def __bool__(self) -> bool:
        return any((self.sections, self.topics, self.people, self.years))

    @property
    def by_filter(self) -> list[tuple[str, str, list[Facet]]]:
        """Return (heading, the search form's filter, facets) for each facet a slug filters."""
        return [
            ("Section", "section", self.sections),
            ("Topic", "tag", self.topics),
            ("Person", "person", self.people),
        ]


def facets_of(ids: list[int], using: str) -> Facets:
    """Return the facets of the articles with the given ids."""
    if not ids:
        return Facets([], [], [], [])
    sections, years = sections_and_years(ids, using)
    return Facets(sections, topics(ids, using), people(ids, using), years)


def sections_and_years(ids: list[int], using: str) -> tuple[list[Facet], list[Facet]]:
    """Return the section and year facets, read from one query."""
    rows = Article.objects.using(using).filter(Listed(ids)).order_by()
    found = list(rows.values_list("section__name", "section__slug", "published_at"))
    by_section = Counter((name, slug) for name, slug, _ in found)
    by_year = Counter(timezone.localtime(at).year for _, _, at in found if at)
    sections = [Facet(name, slug, n) for (name, slug), n in most_first(by_section)[:SHOWN]]
    years = [Facet(str(year), str(year), n) for year, n in sorted(by_year.items(), reverse=True)]
    return sections, years


def topics(ids: list[int], using: str) -> list[Facet]:
    """Return the topics the articles carry most."""
    rows = TaggedArticle.objects.using(using).filter(Listed(ids, "content_object_id"))
    counts = Counter(rows.values_list("tag__name", "tag__slug"))
    return [Facet(name, slug, n) for (name, slug), n in most_first(counts)[:SHOWN]]


def people(ids: list[int], using: str) -> list[Facet]:
    """Return the people the articles mention or carry the byline of most (once per article)."""
    pairs = set()
    for model in (Mention, Byline):
        rows = model.objects.using(using).filter(Listed(ids, "article_id"))
        pairs.update(rows.values_list("article_id", "person__full_name", "person__slug"))
    counts = Counter((name, slug) for _, name, slug in pairs)
    return [Facet(name, slug, n) for (name, slug), n in most_first(counts)[:SHOWN]]


def most_first(counts: Counter) -> list[tuple]:
    """Return the (key, count) pairs, most counted first, then by key for a stable order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
