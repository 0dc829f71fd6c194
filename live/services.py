"""The one write path of live entries: post, edit, delete, pin, and end the coverage.

The admin's composer, the entry admin, the API and the demo seed all call these. Each write
is one transaction: the sanitised entry, its authors, one revision and one event
(`LIVE_KINDS`), whose effects (page cache bumps, later webhooks) run at its commit. An entry
is a row of its own: posting never touches the article's row or its version, so several
editors posting at once, or an editor saving the article with If-Match meanwhile, never
conflict.
"""

from collections.abc import Sequence

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from articles.sanitize import check_html_bounds, sanitize_html
from articles.services import policy
from events.services import record
from people.models import Person

from .models import Entry, EntryAuthor, LiveCoverage

ENTRY_POSTED = "live.entry_posted"
ENTRY_EDITED = "live.entry_edited"
ENTRY_DELETED = "live.entry_deleted"
# The events of an entry, payload {"article": id, "entry": id}.
LIVE_KINDS = (ENTRY_POSTED, ENTRY_EDITED, ENTRY_DELETED)
# The coverage itself started, changed its settings or ended, payload {"article": id}.
COVERAGE_CHANGED = "live.coverage_changed"
ALL_KINDS = (*LIVE_KINDS, COVERAGE_CHANGED)
MAX_AUTHORS = 10


class StaleEntryError(Exception):
    """The entry changed since the editor loaded it."""


def check_may_write(user, article: Article) -> None:
    """Refuse `user` unless they may edit `article` (None: a script, such as the seed)."""
    if user is not None and not policy.can_edit(user, article):
        raise PermissionDenied(policy.edit_refusal(user, article))


def start_coverage(*, article: Article, user, oldest_first: bool = False) -> LiveCoverage:
    """Make `article` a live article (again, if its coverage had ended)."""
    check_may_write(user, article)
    with transaction.atomic():
        coverage, _ = LiveCoverage.objects.update_or_create(
            article=article, defaults={"ended_at": None, "oldest_first": oldest_first}
        )
        record(COVERAGE_CHANGED, {"article": article.pk})
    return coverage


def change_order(*, coverage: LiveCoverage, user, oldest_first: bool) -> LiveCoverage:
    """Set whether readers see the entries oldest first."""
    check_may_write(user, coverage.article)
    with transaction.atomic():
        coverage.oldest_first = oldest_first
        coverage.save(update_fields=["oldest_first"])
        record(COVERAGE_CHANGED, {"article": coverage.pk})
    return coverage


def end_coverage(*, coverage: LiveCoverage, user) -> LiveCoverage:
    """End the coverage: readers see "Coverage has ended" and pages stop polling."""
    check_may_write(user, coverage.article)
    with transaction.atomic():
        updated = LiveCoverage.objects.filter(pk=coverage.pk, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        coverage.refresh_from_db(fields=["ended_at"])
        if updated:
            record(COVERAGE_CHANGED, {"article": coverage.pk})
    return coverage


def clean_body(body: str) -> str:
    """Return the sanitised body, refusing one that is too large or empty once cleaned."""
    check_html_bounds(body)
    cleaned = sanitize_html(body).strip()
    if not strip_tags(cleaned).strip() and "<img" not in cleaned:
        raise ValidationError("An entry needs some text.", code="empty")
    return cleaned


def post_entry(
    *,
    article: Article,
    user,
    body: str,
    title: str = "",
    authors: Sequence[Person] = (),
    key_event: bool = False,
    pinned: bool = False,
    published_at=None,
) -> Entry:
    """Post a new entry to a live article that has not ended."""
    check_may_write(user, article)
    entry = Entry(
        article=article,
        title=clean_title(title),
        body=clean_body(body),
        key_event=key_event,
        published_at=published_at or timezone.now(),
        created_by=user,
    )
    check_authors(authors)
    with transaction.atomic(), reversion.create_revision():
        live_coverage(article)
        if pinned:
            unpin_others(article)
        entry.pinned = pinned
        entry.save()
        EntryAuthor.objects.bulk_create(
            EntryAuthor(entry=entry, person=person, position=n) for n, person in enumerate(authors)
        )
        remember(entry, user, "Posted")
        record(ENTRY_POSTED, payload(entry))
    return entry


def edit_entry(
    *,
    entry: Entry,
    user,
    body: str,
    title: str = "",
    authors: Sequence[Person] | None = None,
    key_event: bool | None = None,
    expected_version: int | None = None,
) -> Entry:
    """Change an entry; it shows "Updated" with the time. `authors` None leaves them alone."""
    check_may_write(user, entry.article)
    title, body = clean_title(title), clean_body(body)
    if authors is not None:
        check_authors(authors)
    with transaction.atomic(), reversion.create_revision():
        claim_version(entry, expected_version)
        entry.title, entry.body, entry.edited_at = title, body, timezone.now()
        if key_event is not None:
            entry.key_event = key_event
        entry.save()
        if authors is not None:
            entry.entry_authors.all().delete()
            EntryAuthor.objects.bulk_create(
                EntryAuthor(entry=entry, person=p, position=n) for n, p in enumerate(authors)
            )
        remember(entry, user, "Edited")
        record(ENTRY_EDITED, payload(entry))
    return entry


def delete_entry(*, entry: Entry, user) -> None:
    """Delete an entry; its revisions keep what it said."""
    check_may_write(user, entry.article)
    with transaction.atomic():
        record(ENTRY_DELETED, payload(entry))
        entry.delete()


def pin_entry(*, entry: Entry, user, pinned: bool = True) -> Entry:
    """Pin `entry` above the others (unpinning any other), or unpin it."""
    check_may_write(user, entry.article)
    with transaction.atomic(), reversion.create_revision():
        live_coverage(entry.article)
        if pinned:
            unpin_others(entry.article, keep=entry)
        Entry.objects.filter(pk=entry.pk).update(pinned=pinned, version=entry.version + 1)
        entry.refresh_from_db(fields=["pinned", "version"])
        remember(entry, user, "Pinned" if pinned else "Unpinned")
        record(ENTRY_EDITED, payload(entry))
    return entry


def live_coverage(article: Article) -> LiveCoverage:
    """Return the article's coverage, locked for this transaction; refuse one that has ended."""
    coverage = LiveCoverage.objects.select_for_update().filter(pk=article.pk).first()
    if coverage is None:
        raise ValidationError("This article is not live coverage.", code="not_live")
    if not coverage.is_live:
        raise ValidationError("Coverage has ended; no more entries can be posted.", code="ended")
    return coverage


def unpin_others(article: Article, keep: Entry | None = None) -> None:
    """Unpin the article's pinned entry (other than `keep`), recording its change."""
    others = Entry.objects.filter(article=article, pinned=True)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    for other in others:
        Entry.objects.filter(pk=other.pk).update(pinned=False, version=other.version + 1)
        record(ENTRY_EDITED, payload(other))


def claim_version(entry: Entry, expected: int | None) -> None:
    """Move the entry to its next version, refusing if it is no longer `expected`."""
    expected = entry.version if expected is None else expected
    claimed = Entry.objects.filter(pk=entry.pk, version=expected).update(version=expected + 1)
    if not claimed:
        raise StaleEntryError("Someone else changed this entry meanwhile; reload it.")
    entry.version = expected + 1


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) > Entry._meta.get_field("title").max_length:
        raise ValidationError("The title is too long.", code="too_long")
    return title


def check_authors(authors: Sequence[Person]) -> None:
    if len(authors) > MAX_AUTHORS:
        raise ValidationError(f"An entry has at most {MAX_AUTHORS} authors.", code="too_many")
    if len({person.pk for person in authors}) != len(authors):
        raise ValidationError("An author is named twice.", code="duplicate")


def remember(entry: Entry, user, comment: str) -> None:
    """Add the entry and its authors to the open revision."""
    reversion.add_to_revision(entry)
    for author in entry.entry_authors.all():
        reversion.add_to_revision(author)
    if user is not None:
        reversion.set_user(user)
    reversion.set_comment(comment)


def payload(entry: Entry) -> dict:
    return {"article": entry.article_id, "entry": entry.pk}
