"""What imports match copy against: the tag vocabulary, the sections and the people.

One import (the admin page) asks the database only about the names its copy contains. A run
of many imports (the command over a folder) shares one `Newsroom` that reads the vocabulary
and every person once, then keeps itself current with the people the run creates, so that
each further file costs no look-ups and no full scans of the people table.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property

from django.db.models import Q
from django.db.models.functions import Lower
from rapidfuzz import fuzz, utils

from articles.importers.result import ImportRejected
from articles.importers.tags import TagMatcher
from articles.models import Section, Tag
from people.models import Person

# Names looked up in one query: SQLite refuses a query whose conditions nest past 1,000.
LOOKUP_BATCH = 100

# How alike (0–100, rapidfuzz's WRatio of the names) a person on file must be to be offered
# in the import preview as possibly the one the story names, and how many are offered.
SIMILAR_SCORE = 70
SIMILAR_OFFERED = 5

# What matching needs of a person; a run over a large newsroom holds every one in memory.
PERSON_FIELDS = ("full_name", "slug", "aliases", "kind")


class Newsroom:
    """Look-ups for imports; `preload=True` reads all people once, for runs of many files."""

    def __init__(self, *, preload: bool = False):
        self.preload = preload
        self._sections: dict[str, Section | None] = {}
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        self._by_alias: dict[str, list[Person]] = defaultdict(list)
        self._slugs: set[str] = set()
        if preload:
            self.remember(Person.objects.only(*PERSON_FIELDS).order_by())

    @cached_property
    def tags(self) -> dict[int, Tag]:
        """Return every tag by primary key."""
        return Tag.objects.in_bulk()

    @cached_property
    def vocabulary(self) -> dict[int, list[str]]:
        """Return each tag's name and aliases, by primary key."""
        return {pk: [tag.name, *tag.alias_list] for pk, tag in self.tags.items()}

    @cached_property
    def tag_matcher(self) -> TagMatcher:
        """Return the compiled matcher of the whole vocabulary (built once per newsroom)."""
        return TagMatcher(self.vocabulary)

    @cached_property
    def tag_terms(self) -> list[str]:
        """Return every tag name and alias: words that never name a person."""
        return [term for terms in self.vocabulary.values() for term in terms]

    def section(self, slug: str) -> Section:
        """Return the section with `slug`, or reject the import."""
        if slug not in self._sections:
            self._sections[slug] = Section.objects.filter(slug=slug).first()
        section = self._sections[slug]
        if section is None:
            raise ImportRejected(f"There is no section with the slug “{slug}”.")
        return section

    def known_names(self, names: Iterable[str]) -> list[str]:
        """Return the names on file among `names` (any case): full names, and aliases too.

        One import asks the full-name index only: aliases have none, and a long story names
        hundreds of candidates. A run's preloaded index knows the aliases as well.
        """
        lowered = {name.lower() for name in names}
        if self.preload:
            index = {**self._by_alias, **self._by_name}
            return [_form(index[name][0], name) for name in lowered if name in index]
        known = Person.objects.annotate(lower_name=Lower("full_name"))
        return list(known.filter(lower_name__in=lowered).values_list("full_name", flat=True))

    def people_named(self, names: set[str]) -> list[Person]:
        """Return the people whose full name or one of whose aliases may be one of `names`."""
        if not names:
            return []
        if self.preload:
            found: dict[int, Person] = {}
            for name in map(str.lower, names):
                for person in [*self._by_name.get(name, ()), *self._by_alias.get(name, ())]:
                    found[person.pk] = person
            return list(found.values())
        found = {}
        # In batches: one query naming thousands of people is too deep for SQLite to parse.
        for batch in batched(sorted(names), LOOKUP_BATCH):
            query = Q()
            for name in batch:
                # icontains only narrows the candidates; the caller compares whole aliases.
                query |= Q(full_name__iexact=name) | Q(aliases__icontains=name)
            found.update((person.pk, person) for person in Person.objects.filter(query))
        return list(found.values())

    def similar_people(self, names: dict[str, str]) -> dict[str, list[tuple[Person, int]]]:
        """Return, for each name (mapped to its surname), the people on file most like it.

        Candidates share the surname, in their name or an alias (one query per hundred
        surnames); rapidfuzz ranks them by the likeness of the whole name or closest alias.
        """
        surnames = sorted({surname.lower() for surname in names.values() if surname})
        candidates: dict[int, Person] = {}
        for batch in batched(surnames, LOOKUP_BATCH):
            query = Q()
            for surname in batch:
                query |= Q(full_name__icontains=surname) | Q(aliases__icontains=surname)
            people = Person.objects.filter(query).only(*PERSON_FIELDS, "description")
            candidates.update((person.pk, person) for person in people)
        return {name: _ranked(name, candidates.values()) for name in names}

    def free_slugs(self, bases: list[str]) -> list[str]:
        """Return an unused person slug for each base ("wong", then "wong-2"), and claim it."""
        taken = self._slugs
        if not self.preload:
            for batch in batched(sorted(set(bases)), LOOKUP_BATCH):
                query = Q()
                for base in batch:
                    query |= Q(slug__startswith=base)
                taken = taken | set(Person.objects.filter(query).values_list("slug", flat=True))
        slugs = []
        for base in bases:
            slug = next(s for s in _numbered(base) if s not in taken)
            taken.add(slug)
            slugs.append(slug)
        # Claimed even if the import then fails: a gap in the numbering is harmless.
        self._slugs.update(slugs)
        return slugs

    def remember(self, people: Iterable[Person]) -> None:
        """Add people created (or read) in this run to the preloaded index."""
        if not self.preload:
            return
        for person in people:
            self._by_name[person.full_name.lower()].append(person)
            for alias in person.alias_list:
                self._by_alias[alias.lower()].append(person)
            self._slugs.add(person.slug)


def _form(person: Person, lowered: str) -> str:
    """Return the person's full name or alias that is `lowered`, as written on file."""
    forms = [person.full_name, *person.alias_list]
    return next(form for form in forms if form.lower() == lowered)


def _ranked(name: str, people: Iterable[Person]) -> list[tuple[Person, int]]:
    """Return the people whose name or an alias is like `name`, best first, with scores."""
    scored = []
    for person in people:
        forms = [person.full_name, *person.alias_list]
        score = max(fuzz.WRatio(name, form, processor=utils.default_process) for form in forms)
        if score >= SIMILAR_SCORE:
            scored.append((person, round(score)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].full_name))
    return scored[:SIMILAR_OFFERED]


def _numbered(base: str) -> Iterator[str]:
    """Yield `base`, then `base-2`, `base-3` and so on."""
    yield base
    for number in itertools.count(2):
        yield f"{base}-{number}"


def batched(items: list, size: int) -> Iterator[list]:
    """Yield `items` in lists of at most `size` (itertools.batched, before Python 3.12)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
