"""The API lists a live article's entries with a `since` cursor and ETags, and writes them."""

import pytest
from django.urls import reverse

from live.models import Entry
from tests.factories import ArticleFactory, EntryFactory, LiveCoverageFactory

pytestmark = pytest.mark.django_db


def entries_url(article) -> str:
    return reverse("api:live-entry-list", args=[article.pk])


def test_without_a_cursor_the_newest_entries_come_first(client, live_article):
    article = live_article(3)
    newest = Entry.objects.filter(article=article).order_by("-published_at")

    data = client.get(entries_url(article)).json()

    assert [row["id"] for row in data["results"]] == [e.pk for e in newest]
    assert data["since"] == max(e.pk for e in newest)


def test_since_lists_only_the_entries_posted_after_it(client, live_article):
    article = live_article(2)
    since = client.get(entries_url(article)).json()["since"]
    later = EntryFactory(article=article)

    data = client.get(entries_url(article), {"since": since}).json()

    assert [row["id"] for row in data["results"]] == [later.pk]
    assert data["since"] == later.pk


def test_an_unchanged_list_is_a_304(client, live_article):
    url = entries_url(live_article(2))
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_cursor_that_is_not_a_number_is_a_400(client, live_article):
    assert client.get(entries_url(live_article(1)), {"since": "x"}).status_code == 400


def test_a_draft_live_articles_entries_are_not_shown(client):
    article = ArticleFactory(draft=True)
    LiveCoverageFactory(article=article)
    EntryFactory(article=article)

    assert client.get(entries_url(article)).status_code == 404


def test_an_editor_posts_an_entry_through_the_service(client, live_article, newsroom_editor):
    article = live_article(0)
    client.force_login(newsroom_editor)

    response = client.post(
        entries_url(article),
        {"title": "Bridge shut", "body": "<p>Shut <script>x()</script>now.</p>"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    entry = Entry.objects.get(pk=response.json()["id"])
    assert entry.body == "<p>Shut now.</p>"


def test_a_contributor_cannot_post_to_a_live_article_they_may_not_edit(
    client, live_article, contributor
):
    article = live_article(0)
    client.force_login(contributor)

    response = client.post(
        entries_url(article), {"body": "<p>Mine.</p>"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not Entry.objects.filter(article=article).exists()


def test_anonymous_writes_are_refused(client, live_article):
    response = client.post(
        entries_url(live_article(0)), {"body": "<p>Hi.</p>"}, content_type="application/json"
    )

    assert response.status_code in (401, 403)


def test_an_editor_edits_and_deletes_an_entry(client, live_article, newsroom_editor):
    article = live_article(1)
    entry = Entry.objects.get(article=article)
    client.force_login(newsroom_editor)
    url = reverse("api:live-entry-detail", args=[article.pk, entry.pk])

    edited = client.put(url, {"body": "<p>Fixed.</p>"}, content_type="application/json")
    deleted = client.delete(url)

    assert edited.status_code == 200 and edited.json()["edited_at"]
    assert deleted.status_code == 204
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_the_list_reads_the_same_queries_at_two_sizes(client, live_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (2, 60):
        url = entries_url(live_article(n))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]
