"""Reads of live coverage: pages of entries, the pinned entry, key events and permalinks."""

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.urls import reverse

from articles.api.representation import segment
from articles.models import Article
from core.paging import LeanPage, lean_page
from people.models import Person

from .models import Entry, EntryAuthor, LiveCoverage

PAGE_SIZE = 20
# A poll answers with the newest entries: more than a reader misses between two polls.
POLL_ENTRIES = 20
AUTHOR_FIELDS = ("id", "entry_id", "person_id", "position", "person__id", "person__full_name",
                 "person__slug")  # fmt: skip


def public_coverage(pk: int) -> LiveCoverage | None:
    """Return the coverage of the public article `pk`, with the article, or None."""
    articles = Article.objects.published().values("pk")
    return (
        LiveCoverage.objects.select_related("article__section")
        .filter(pk=pk, article__in=articles)
        .first()
    )


def with_authors(entries: QuerySet) -> QuerySet:
    """Fetch the entries' authors' names in one more query."""
    authors = EntryAuthor.objects.select_related("person").only(*AUTHOR_FIELDS)
    return entries.prefetch_related(Prefetch("entry_authors", queryset=authors))


def ordering(coverage: LiveCoverage) -> list[str]:
    """Return the order readers see: newest first, or oldest first if the article asks."""
    if coverage.oldest_first:
        return ["published_at", "pk"]
    return ["-published_at", "-pk"]


def stream(coverage: LiveCoverage) -> QuerySet:
    """Return the coverage's entries in reading order (index: live_entry_newest)."""
    return Entry.objects.filter(article_id=coverage.pk).order_by(*ordering(coverage))


def entry_page(coverage: LiveCoverage, value: str | None) -> LeanPage:
    """Return the page `value` of the entries (authors not yet read); past the end is a 404."""
    return lean_page(stream(coverage), value, PAGE_SIZE)


def add_authors(entries: list[Entry]) -> None:
    """Fetch the authors of several lists' entries (a page and the pinned one) in one query."""
    authors = EntryAuthor.objects.select_related("person").only(*AUTHOR_FIELDS)
    prefetch_related_objects(entries, Prefetch("entry_authors", queryset=authors))
    address(entries)


def address(entries: list[Entry]) -> None:
    """Set the entries' permalinks and their authors' pages, each pattern reversed once.

    A page names some 60 addresses; reverse() for each was a tenth of its time.
    """
    entry_start = reverse("live:entry", kwargs={"pk": 1}).removesuffix("1/")
    person_start = reverse("people:detail", kwargs={"slug": "s"}).removesuffix("s/")
    for entry in entries:
        entry.permalink = f"{entry_start}{entry.pk}/"
        for row in entry.entry_authors.all():
            row.person_url = f"{person_start}{segment(row.person.slug)}/"


def entry(pk: int) -> Entry | None:
    """Return the entry `pk` (its authors come later), or None."""
    return Entry.objects.filter(pk=pk).first()


def pinned_entry(coverage: LiveCoverage) -> Entry | None:
    """Return the pinned entry with its authors, or None."""
    return with_authors(Entry.objects.filter(article_id=coverage.pk, pinned=True)).first()


FLAGGED = """
    SELECT entry.*, ranked.place FROM (
        SELECT id, key_event, pinned, ROW_NUMBER() OVER (ORDER BY {order}) AS place
        FROM {table} WHERE article_id = %s
    ) ranked JOIN {table} entry ON entry.id = ranked.id
    WHERE ranked.key_event OR ranked.pinned
    ORDER BY entry.published_at DESC, entry.id DESC
"""


def flagged(coverage: LiveCoverage) -> tuple[Entry | None, list[Entry]]:
    """Return the pinned entry and the key events, each with the page it is on, in one query.

    Each entry's place in the reading order is numbered over the article's entries alone
    (an index-only scan of live_entry_newest, which includes the two flags, in its own order:
    no sort), and only the flagged rows are read whole.
    """
    order = {
        False: "published_at DESC, id DESC",
        True: "published_at ASC, id ASC",
    }[coverage.oldest_first]
    query = FLAGGED.format(order=order, table=Entry._meta.db_table)
    rows = list(Entry.objects.raw(query, [coverage.pk]))
    for row in rows:
        row.page = (row.place - 1) // PAGE_SIZE + 1
    pinned = next((row for row in rows if row.pinned), None)
    return pinned, [row for row in rows if row.key_event]


def page_of(entry: Entry, coverage: LiveCoverage) -> int:
    """Return the page of the reading order that holds `entry`."""
    if coverage.oldest_first:
        before = Q(published_at__lt=entry.published_at) | Q(
            published_at=entry.published_at, pk__lt=entry.pk
        )
    else:
        before = Q(published_at__gt=entry.published_at) | Q(
            published_at=entry.published_at, pk__gt=entry.pk
        )
    ahead = Entry.objects.filter(before, article_id=coverage.pk).count()
    return ahead // PAGE_SIZE + 1


def public_entry(pk: int) -> Entry | None:
    """Return the entry `pk` of a public live article, with its coverage, or None."""
    articles = Article.objects.published().values("pk")
    return (
        Entry.objects.select_related("article__live_coverage", "article__section")
        .filter(pk=pk, article__in=articles, article__live_coverage__isnull=False)
        .first()
    )


def newest_entries(coverage: LiveCoverage, count: int = POLL_ENTRIES) -> list[Entry]:
    """Return the newest entries, newest first, with their authors (what a poll sends)."""
    newest = Entry.objects.filter(article_id=coverage.pk).order_by("-published_at", "-pk")
    return list(with_authors(newest)[:count])


def authors_of(entry: Entry) -> list[Person]:
    """Return an entry's authors from its prefetched rows."""
    return [row.person for row in entry.entry_authors.all()]
