"""Through the page cache: an unchanged poll is a 304; a new entry is seen at the next poll."""

import pytest
from django.urls import reverse

from live import services
from tests.cache.conftest import committed, page_cache, page_store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=False)


def test_an_unchanged_poll_is_answered_304_by_the_page_cache(
    client,
    page_cache,  # noqa: F811
    live_article,
    django_assert_max_num_queries,
):
    url = reverse("live:updates", args=[live_article(2).pk])
    first = client.get(url)

    # At most the read of the tags' versions (a database cache when Redis is not used).
    with django_assert_max_num_queries(1):
        again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first["X-Page-Cache"] == "miss"
    assert again.status_code == 304


def test_a_posted_entry_reaches_the_next_poll_through_the_cache(
    client,
    page_cache,  # noqa: F811
    committed,  # noqa: F811
    live_article,
    newsroom_editor,
):
    article = live_article(2)
    url = reverse("live:updates", args=[article.pk])
    etag = client.get(url)["ETag"]

    with committed():
        entry = services.post_entry(article=article, user=newsroom_editor, body="<p>News.</p>")
    fresh = client.get(url, headers={"if-none-match": etag})

    assert fresh.status_code == 200
    assert fresh.json()["entries"][0]["id"] == entry.pk


def test_a_posted_entry_reaches_the_cached_page(
    client,
    page_cache,  # noqa: F811
    committed,  # noqa: F811
    live_article,
    newsroom_editor,
):
    article = live_article(1)
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    with committed():
        entry = services.post_entry(article=article, user=newsroom_editor, body="<p>Late.</p>")

    assert f'id="entry-{entry.pk}"' in client.get(article.get_absolute_url()).content.decode()


def test_a_new_key_event_is_listed_at_once_though_the_list_is_kept(
    client,
    page_store,  # noqa: F811
    committed,  # noqa: F811
    live_article,
    newsroom_editor,
):
    article = live_article(2)
    client.get(article.get_absolute_url())  # the key events (none) kept

    with committed():
        entry = services.post_entry(
            article=article, user=newsroom_editor, body="<p>Dam opened.</p>", key_event=True
        )

    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}#entry-{entry.pk}"' in html


def test_the_poll_after_an_entry_is_rendered_by_the_request_itself(
    client,
    page_cache,  # noqa: F811
    committed,  # noqa: F811
    live_article,
    newsroom_editor,
):
    article = live_article(2)
    url = reverse("live:updates", args=[article.pk])
    client.get(url)
    # After the fixtures' own changes: only the entry's change is between the copy and now.
    with committed():
        services.post_entry(article=article, user=newsroom_editor, body="<p>News.</p>")
    client.get(url)
    with committed():
        services.post_entry(article=article, user=newsroom_editor, body="<p>More news.</p>")

    poll = client.get(url)
    assert poll["X-Page-Cache"] == "miss" and "More news." in poll.text
