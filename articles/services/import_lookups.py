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

from articles.importers.result import ImportRejected
from articles.importers.tags import TagMatcher
from articles.models import Section, Tag
from people.models import Person

# Names looked up in one query: SQLite refuses a query whose conditions nest past 1,000.
LOOKUP_BATCH = 100

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
        """Return the names of people on file, full names or aliases, among `names` (any case)."""
        lowered = {name.lower() for name in names}
        known = []
        for person in self.people_named(lowered):
            forms = [person.full_name, *person.alias_list]
            known += [form for form in forms if form.lower() in lowered]
        return list(dict.fromkeys(known))

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


def _numbered(base: str) -> Iterator[str]:
    """Yield `base`, then `base-2`, `base-3` and so on."""
    yield base
    for number in itertools.count(2):
        yield f"{base}-{number}"


def batched(items: list, size: int) -> Iterator[list]:
    """Yield `items` in lists of at most `size` (itertools.batched, before Python 3.12)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
