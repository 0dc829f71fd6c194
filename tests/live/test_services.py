"""Entries are written by one service: sanitised, versioned, revised, recorded as events."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from events.models import OutboxEvent
from live import services
from live.models import Entry
from tests.factories import ArticleFactory, EntryFactory, LiveCoverageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_posting_sanitises_the_body_like_an_article_body(live_article, newsroom_editor):
    article = live_article(0)

    entry = services.post_entry(
        article=article,
        user=newsroom_editor,
        body='<p onclick="steal()">Wind rising <script>alert(1)</script>'
        '<a href="javascript:x">here</a></p>',
    )

    entry.refresh_from_db()
    assert "onclick" not in entry.body and "<script" not in entry.body
    assert "javascript:" not in entry.body
    assert "Wind rising" in entry.body


def test_posting_records_the_event_with_the_article_and_entry(live_article, newsroom_editor):
    article = live_article(0)

    entry = services.post_entry(article=article, user=newsroom_editor, body="<p>First.</p>")

    event = OutboxEvent.objects.get(kind=services.ENTRY_POSTED)
    assert event.payload == {"article": article.pk, "entry": entry.pk}


def test_editing_and_deleting_record_their_events(live_article, newsroom_editor):
    article = live_article(1)
    entry = Entry.objects.get(article=article)

    services.edit_entry(entry=entry, user=newsroom_editor, body="<p>Corrected.</p>")
    services.delete_entry(entry=entry, user=newsroom_editor)

    kinds = list(OutboxEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == [services.ENTRY_EDITED, services.ENTRY_DELETED]
    assert set(services.LIVE_KINDS) == {
        "live.entry_posted",
        "live.entry_edited",
        "live.entry_deleted",
    }


def test_an_edit_marks_the_entry_updated_and_keeps_a_revision(live_article, newsroom_editor):
    article = live_article(0)
    entry = services.post_entry(article=article, user=newsroom_editor, body="<p>One.</p>")

    services.edit_entry(entry=entry, user=newsroom_editor, body="<p>Two.</p>", title="Now")

    entry.refresh_from_db()
    assert entry.edited_at is not None and entry.version == 2
    bodies = [v.field_dict["body"] for v in Version.objects.get_for_object(entry)]
    assert bodies == ["<p>Two.</p>", "<p>One.</p>"]


def test_an_edit_from_an_older_version_is_refused(live_article, newsroom_editor):
    entry = Entry.objects.get(article=live_article(1))
    services.edit_entry(entry=entry, user=newsroom_editor, body="<p>First edit.</p>")

    with pytest.raises(services.StaleEntryError):
        services.edit_entry(
            entry=entry, user=newsroom_editor, body="<p>Second.</p>", expected_version=1
        )


def test_posting_leaves_the_article_and_its_version_alone(live_article, newsroom_editor):
    article = live_article(0)
    version = article.version

    services.post_entry(article=article, user=newsroom_editor, body="<p>A.</p>")
    services.post_entry(article=article, user=newsroom_editor, body="<p>B.</p>")

    article.refresh_from_db()
    assert article.version == version


def test_pinning_one_entry_unpins_the_other(live_article, newsroom_editor):
    article = live_article(2)
    first, second = Entry.objects.filter(article=article).order_by("pk")

    services.pin_entry(entry=first, user=newsroom_editor)
    services.pin_entry(entry=second, user=newsroom_editor)

    assert list(Entry.objects.filter(pinned=True)) == [second]


def test_the_database_holds_one_pinned_entry_per_article(live_article):
    from django.db import IntegrityError, transaction

    article = live_article(0)
    EntryFactory(article=article, pinned=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(article=article, pinned=True)


def test_a_contributor_cannot_post_to_a_live_article_they_may_not_edit(live_article, contributor):
    article = live_article(0)

    with pytest.raises(PermissionDenied):
        services.post_entry(article=article, user=contributor, body="<p>Mine.</p>")
    assert not Entry.objects.filter(article=article).exists()


def test_a_contributor_may_post_to_their_own_draft(contributor):
    article = ArticleFactory(draft=True, created_by=contributor)
    LiveCoverageFactory(article=article)

    entry = services.post_entry(article=article, user=contributor, body="<p>Ready.</p>")

    assert entry.created_by == contributor


def test_an_ended_coverage_takes_no_more_entries(live_article, newsroom_editor):
    article = live_article(1)
    services.end_coverage(coverage=article.live_coverage, user=newsroom_editor)

    with pytest.raises(ValidationError):
        services.post_entry(article=article, user=newsroom_editor, body="<p>Late.</p>")


def test_an_entry_that_is_empty_once_cleaned_is_refused(live_article, newsroom_editor):
    with pytest.raises(ValidationError):
        services.post_entry(
            article=live_article(0), user=newsroom_editor, body="<script>x()</script>"
        )


def test_authors_are_kept_in_order(live_article, newsroom_editor):
    first, second = PersonFactory(), PersonFactory()

    entry = services.post_entry(
        article=live_article(0),
        user=newsroom_editor,
        body="<p>Joint.</p>",
        authors=[second, first],
    )

    assert [row.person for row in entry.entry_authors.all()] == [second, first]
