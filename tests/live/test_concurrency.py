"""Editors posting at once, and an editor saving the article meanwhile, all succeed."""

import threading

import pytest
from django.db import connection, connections, transaction

from articles.models import Article
from articles.services.revisions import save_with_revision
from live import services
from live.models import Entry
from tests.factories import ArticleFactory, LiveCoverageFactory


def overlapping(barrier, results, name, write):
    """Run `write` in a transaction kept open a moment, so that the writers overlap."""
    try:
        barrier.wait(timeout=10)
        with transaction.atomic():
            write()
            connection.cursor().execute("SELECT pg_sleep(0.3)")
        results[name] = "done"
    except Exception as error:  # the test reports whichever writer failed, and why
        results[name] = repr(error)
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent connections need PostgreSQL (CI runs this with DATABASE_URL set)",
)
@pytest.mark.django_db(transaction=True)
def test_two_editors_post_while_a_third_saves_the_article_and_none_conflicts(member):
    editors = [member("Editor", f"editor-{n}") for n in range(3)]
    article = ArticleFactory(headline="Storm crosses the bay")
    LiveCoverageFactory(article=article)
    loaded = Article.objects.get(pk=article.pk)  # as the article's edit form loaded it

    def save_article():
        loaded.headline = "Storm crosses the bay and the harbour"
        save_with_revision(article=loaded, user=editors[2], comment="headline")

    writers = {
        "post A": lambda: services.post_entry(article=article, user=editors[0], body="<p>A</p>"),
        "post B": lambda: services.post_entry(article=article, user=editors[1], body="<p>B</p>"),
        "article": save_article,
    }
    barrier, results = threading.Barrier(len(writers)), {}
    threads = [
        threading.Thread(target=overlapping, args=(barrier, results, name, write))
        for name, write in writers.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert results == dict.fromkeys(writers, "done")
    assert sorted(Entry.objects.values_list("body", flat=True)) == ["<p>A</p>", "<p>B</p>"]
    assert Article.objects.get(pk=article.pk).headline.endswith("and the harbour")
