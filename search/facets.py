"""Counts by section, topic, person and year over a search's best matches.

The cost is bounded: facets count over the ranked ids the search already holds (at most
SEARCH_DEPTH, 1,000 by default), never over every match, in three queries whatever the
archive's size. When a search has more matches than that, the page says the counts are of
the best ones.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from articles.models import Article, Byline, Mention, Section, Tag, TaggedArticle
from people.models import Person

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


def facets_of(ids: list[int], using: str) -> Facets:
    """Return the facets of the articles with the given ids."""
    if not ids:
        return Facets([], [], [], [])
    sections, years = sections_and_years(ids, using)
    return Facets(sections, topics(ids, using), people(ids, using), years)


def sections_and_years(ids: list[int], using: str) -> tuple[list[Facet], list[Facet]]:
    """Return the section and year facets, read from one query."""
    rows = Article.objects.using(using).filter(Listed(ids)).order_by()
    pairs = list(rows.values_list("section_id", "published_at"))
    by_section = Counter(section for section, _ in pairs)
    by_year = Counter(timezone.localtime(at).year for _, at in pairs if at)
    names = Section.objects.using(using).in_bulk(list(by_section))
    sections = [Facet(names[pk].name, names[pk].slug, n) for pk, n in by_section.most_common(SHOWN)]
    years = [Facet(str(year), str(year), n) for year, n in sorted(by_year.items(), reverse=True)]
    return sections, years


def topics(ids: list[int], using: str) -> list[Facet]:
    """Return the topics the articles carry most."""
    rows = TaggedArticle.objects.using(using).filter(Listed(ids, "content_object_id"))
    counts = Counter(rows.values_list("tag_id", flat=True))
    tags = Tag.objects.using(using).in_bulk([pk for pk, _ in counts.most_common(SHOWN)])
    return [Facet(tags[pk].name, tags[pk].slug, counts[pk]) for pk in most_first(counts, tags)]


def people(ids: list[int], using: str) -> list[Facet]:
    """Return the people the articles mention or carry the byline of most (once per article)."""
    pairs = set()
    for model in (Mention, Byline):
        rows = model.objects.using(using).filter(Listed(ids, "article_id"))
        pairs.update(rows.values_list("article_id", "person_id"))
    counts = Counter(person for _, person in pairs)
    found = Person.objects.using(using).in_bulk([pk for pk, _ in counts.most_common(SHOWN)])
    return [
        Facet(found[pk].full_name, found[pk].slug, counts[pk]) for pk in most_first(counts, found)
    ]


def most_first(counts: Counter, found: dict) -> list[int]:
    """Return the found keys, most counted first, then by key for a stable order."""
    return sorted(found, key=lambda pk: (-counts[pk], pk))
