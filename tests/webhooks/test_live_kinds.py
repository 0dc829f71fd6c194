"""Live coverage's entries reach partners as webhooks, and a draft's entries never do."""

import pytest

from live import services as live
from live.services import LIVE_KINDS
from tests.factories import ArticleFactory, editor_user
from tests.webhooks.conftest import run_worker
from tests.webhooks.test_delivery import subscribe
from webhooks import kinds

pytestmark = pytest.mark.django_db


def test_every_kind_of_entry_event_live_coverage_records_is_subscribable():
    assert set(LIVE_KINDS) <= {name for name, _ in kinds.choices()}


def test_an_entry_posted_edited_and_deleted_on_a_public_live_article_is_heard_in_order(receiver):
    subscribe(receiver, events=list(LIVE_KINDS))
    editor = editor_user()
    article = ArticleFactory()
    live.start_coverage(article=article, user=editor)
    entry = live.post_entry(article=article, user=editor, body="<p>The ferry is back.</p>")
    entry_id = entry.pk
    run_worker()
    entry = live.edit_entry(entry=entry, user=editor, body="<p>The ferry is back at six.</p>")
    run_worker()
    live.delete_entry(entry=entry, user=editor)
    run_worker()

    assert receiver.forged == 0
    heard = [(message["type"], message["data"]["entry"]["id"]) for message in receiver.accepted]
    assert heard == [(kind, entry_id) for kind in LIVE_KINDS]
    posted, edited = (message["data"]["entry"] for message in receiver.accepted[:2])
    assert posted["article"] == article.pk and "at six" not in posted["body"]
    assert "at six" in edited["body"]


def test_the_entries_of_a_draft_live_article_never_leave(receiver):
    subscribe(receiver, events=list(LIVE_KINDS))
    editor = editor_user()
    draft = ArticleFactory(draft=True)
    live.start_coverage(article=draft, user=editor)
    live.post_entry(article=draft, user=editor, body="<p>Not yet for readers.</p>")
    run_worker(turns=2)

    assert receiver.accepted == []
