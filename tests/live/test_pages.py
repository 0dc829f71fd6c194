"""Readers see a live article's entries: pinned on top, key events on any page, permalinks."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from live.models import Entry
from live.selectors import PAGE_SIZE
from live.services import end_coverage
from tests.factories import ArticleFactory, EntryFactory, LiveCoverageFactory
from tests.standards.structured_data import news_article_problems

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def shown_ids(html: str) -> list[int]:
    """Return the entry ids of the stream, in page order (the pinned copy left out)."""
    stream = html.split('class="live__stream"', 1)[1]
    return [int(pk) for pk in re.findall(r'id="entry-(\d+)"', stream)]


def test_a_reader_sees_the_newest_entry_first(client, live_article):
    article = live_article(3)
    newest_first = list(Entry.objects.filter(article=article).order_by("-published_at"))

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert shown_ids(response.content.decode()) == [e.pk for e in newest_first]


def test_an_article_can_ask_for_oldest_first(client, live_article):
    article = live_article(3, oldest_first=True)
    oldest_first = list(Entry.objects.filter(article=article).order_by("published_at"))

    html = client.get(article.get_absolute_url()).content.decode()

    assert shown_ids(html) == [e.pk for e in oldest_first]


def test_the_pinned_entry_is_shown_on_top(client, live_article):
    article = live_article(3)
    pinned = Entry.objects.filter(article=article).order_by("published_at").first()
    Entry.objects.filter(pk=pinned.pk).update(pinned=True)

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.index(f'id="pinned-entry-{pinned.pk}"') < html.index('class="live__stream"')


def test_an_edited_entry_says_when_it_was_updated(client, live_article, newsroom_editor):
    from live.services import edit_entry

    article = live_article(1)
    edit_entry(entry=Entry.objects.get(article=article), user=newsroom_editor, body="<p>New.</p>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert re.search(r"Updated <time datetime=\"[^\"]+\">\d\d:\d\d</time>", html)


def test_key_events_link_to_the_page_that_holds_them(client, live_article):
    article = live_article(PAGE_SIZE * 2 + 5)
    oldest = Entry.objects.filter(article=article).order_by("published_at").first()
    newest = Entry.objects.filter(article=article).order_by("-published_at").first()
    Entry.objects.filter(pk__in=[oldest.pk, newest.pk]).update(key_event=True)

    html = client.get(article.get_absolute_url()).content.decode()

    key_events = html.split('id="key-events"', 1)[1].split("</nav>", 1)[0]
    assert f'href="?page=3#entry-{oldest.pk}"' in key_events
    assert f'href="{article.get_absolute_url()}#entry-{newest.pk}"' in key_events
    page_three = client.get(article.get_absolute_url() + "?page=3").content.decode()
    assert oldest.pk in shown_ids(page_three)


def test_an_entry_permalink_opens_the_page_holding_it(client, live_article):
    article = live_article(PAGE_SIZE + 3)
    second_page = Entry.objects.filter(article=article).order_by("-published_at")[PAGE_SIZE]
    first_page = Entry.objects.filter(article=article).order_by("-published_at")[0]

    far = client.get(reverse("live:entry", args=[second_page.pk]))
    near = client.get(reverse("live:entry", args=[first_page.pk]))

    assert far.status_code == 302
    assert far["Location"] == f"{article.get_absolute_url()}?page=2#entry-{second_page.pk}"
    assert near["Location"] == f"{article.get_absolute_url()}#entry-{first_page.pk}"
    assert second_page.pk in shown_ids(client.get(far["Location"]).content.decode())


def test_an_ended_article_says_so_and_does_not_poll(client, live_article, newsroom_editor):
    article = live_article(2)
    end_coverage(coverage=article.live_coverage, user=newsroom_editor)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Coverage has ended" in html
    assert "data-live-poll" not in html and "live.js" not in html


def test_a_live_page_polls_only_where_new_entries_arrive(client, live_article):
    article = live_article(PAGE_SIZE + 1)

    first = client.get(article.get_absolute_url()).content.decode()
    second = client.get(article.get_absolute_url() + "?page=2").content.decode()

    assert f'data-live-poll="{reverse("live:updates", args=[article.pk])}"' in first
    assert "data-live-poll" not in second


def test_a_page_past_the_end_is_a_404(client, live_article):
    article = live_article(2)

    assert client.get(article.get_absolute_url() + "?page=2").status_code == 404
    assert client.get(article.get_absolute_url() + "?page=x").status_code == 404


def test_a_draft_live_article_leaks_nowhere(client):
    article = ArticleFactory(draft=True)
    LiveCoverageFactory(article=article)
    entry = EntryFactory(article=article)

    for url in (
        reverse("live:updates", args=[article.pk]),
        reverse("live:feed", args=[article.pk]),
        reverse("live:entry", args=[entry.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_poll_states_the_interval_and_the_newest_entries(client, live_article, settings):
    settings.LIVE_POLL_SECONDS = 7
    article = live_article(2)
    newest = Entry.objects.filter(article=article).order_by("-published_at").first()

    response = client.get(reverse("live:updates", args=[article.pk]))

    data = response.json()
    assert data["interval"] == 7 and response["X-Poll-Interval"] == "7"
    assert data["ended"] is False
    assert data["entries"][0]["id"] == newest.pk
    assert f'id="entry-{newest.pk}"' in data["entries"][0]["html"]


def test_an_unchanged_poll_is_a_304(client, live_article):
    url = reverse("live:updates", args=[live_article(2).pk])
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_new_entry_changes_the_polls_etag(client, live_article):
    article = live_article(2)
    url = reverse("live:updates", args=[article.pk])
    etag = client.get(url)["ETag"]
    EntryFactory(article=article)

    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def live_blog(html: str) -> dict:
    blocks = [json.loads(block) for block in JSON_LD.findall(html)]
    return next(block for block in blocks if block["@type"] == "LiveBlogPosting")


def test_the_json_ld_is_a_live_blog_posting_that_passes_the_article_checks(client, live_article):
    article = live_article(3)

    data = live_blog(client.get(article.get_absolute_url()).content.decode())

    as_article = {**data, "@type": "NewsArticle"}
    assert news_article_problems(as_article, pictured=False) == []
    assert data["coverageStartTime"] == article.live_coverage.started_at.isoformat()
    assert "coverageEndTime" not in data
    assert len(data["liveBlogUpdate"]) == 3
    assert {u["@type"] for u in data["liveBlogUpdate"]} == {"BlogPosting"}


def test_an_ended_article_states_its_coverage_end(client, live_article, newsroom_editor):
    article = live_article(1)
    end_coverage(coverage=article.live_coverage, user=newsroom_editor)
    article.live_coverage.refresh_from_db()

    data = live_blog(client.get(article.get_absolute_url()).content.decode())

    assert data["coverageEndTime"] == article.live_coverage.ended_at.isoformat()


def queries_of(client, url: str) -> int:
    """Return how many queries answering `url` takes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_reads_the_same_number_of_queries_whatever_its_entries(client, live_article):
    small, large = live_article(3), live_article(PAGE_SIZE * 3)
    for article in (small, large):
        first, second = Entry.objects.filter(article=article)[:2]
        Entry.objects.filter(pk=first.pk).update(key_event=True, pinned=True)
        Entry.objects.filter(pk=second.pk).update(key_event=True)
    for article in (small, large):  # what is kept between requests (the navigation)
        client.get(article.get_absolute_url())

    counts = [queries_of(client, a.get_absolute_url()) for a in (small, large)]

    assert counts[0] == counts[1]


def test_the_poll_reads_the_same_number_of_queries_whatever_its_entries(client, live_article):
    small, large = live_article(2), live_article(PAGE_SIZE * 3)

    counts = [queries_of(client, reverse("live:updates", args=[a.pk])) for a in (small, large)]

    assert counts[0] == counts[1]
