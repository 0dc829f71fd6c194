"""Optimistic concurrency: a conditional UPDATE lets exactly one of two writers win."""

import threading

import pytest
from django.db import connection, connections, transaction

from articles.models import Article
from articles.services.concurrency import StaleArticleError, claim_version
from articles.services.revisions import save_with_revision, versions_of
from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_the_conditional_update_refuses_a_stale_version():
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    claim_version(article=article, expected=1)

    with pytest.raises(StaleArticleError) as refused:
        claim_version(article=stale, expected=1)
    assert (refused.value.expected, refused.value.current) == (1, 2)
    assert Article.objects.get(pk=article.pk).version == 2


@pytest.mark.django_db
def test_a_stale_save_changes_nothing(newsroom_editor):
    article = ArticleFactory(headline="Original")
    stale = Article.objects.get(pk=article.pk)
    article.headline = "First writer"
    save_with_revision(article=article, user=newsroom_editor, comment="first")
    stale.headline = "Second writer"

    with pytest.raises(StaleArticleError):
        save_with_revision(article=stale, user=newsroom_editor, comment="second")
    assert Article.objects.get(pk=article.pk).headline == "First writer"
    assert versions_of(article).count() == 1


def save_in_thread(pk, headline, user, barrier, results):
    try:
        article = Article.objects.get(pk=pk)
        barrier.wait(timeout=10)
        with transaction.atomic():
            article.headline = headline
            save_with_revision(article=article, user=user, comment=headline)
            # Keep the transaction (and its row lock) open a moment so the writers overlap.
            connection.cursor().execute("SELECT pg_sleep(0.3)")
        results[headline] = "saved"
    except StaleArticleError:
        results[headline] = "refused"
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two real connections need PostgreSQL; SQLite's in-memory test database is "
    "shared by one process (CI runs this with DATABASE_URL set)",
)
@pytest.mark.django_db(transaction=True)
def test_two_connections_saving_at_once_on_postgresql_one_wins_one_is_refused(newsroom_editor):
    article = ArticleFactory(headline="Original")
    barrier, results = threading.Barrier(2), {}
    threads = [
        threading.Thread(
            target=save_in_thread, args=(article.pk, name, newsroom_editor, barrier, results)
        )
        for name in ("Writer A", "Writer B")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in results.items() if outcome == "saved")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.version) == (winner, 2)
    comments = [version.revision.comment for version in versions_of(stored)]
    # The factory's plain save was recorded by the safety net; the loser recorded nothing.
    assert comments == [winner, "Saved without a named user (a script or command)"]
