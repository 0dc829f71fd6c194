"""A stale page is rendered by one request while the others get the copy before, within a bound."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory

from articles.services.writing import write_article
from core.pagecache import store
from core.pagecache.middleware import PageCacheMiddleware, request_parts
from core.pagecache.tags import record

pytestmark = pytest.mark.usefixtures("page_cache")


def key_of(client, url: str) -> str:
    """Return the page cache's key for an anonymous GET of `url` by the test client."""
    return store.entry_key(request_parts(RequestFactory().get(url)))


def edit_headline(story, editor, committed, headline: str) -> None:
    with committed():
        write_article(article=story, fields={"headline": headline}, user=editor, comment="Edit")


def test_while_another_request_renders_a_stale_page_readers_get_the_copy_before(
    client, story, committed, editor
):
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")
    assert store.claim_render(key_of(client, url))  # as a request in another process would

    stale = client.get(url)
    assert stale["X-Page-Cache"] == "stale"
    assert "Ferries sail again" in stale.text and "s-maxage=0" in stale["Cache-Control"]

    store.release_render(key_of(client, url))  # that request stored its page, or gave up
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Ferries sail at dawn" in fresh.text
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_request_that_finds_a_page_stale_renders_it_at_once(client, story, committed, editor):
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Ferries sail at dawn" in response.text
    # It let go of its claim: the next change is rendered by the next reader, not waited on.
    edit_headline(story, editor, committed, "Ferries sail at noon")
    assert "Ferries sail at noon" in client.get(url).text


def test_no_copy_is_served_once_the_change_it_misses_is_older_than_the_bound(
    client, story, committed, editor, settings
):
    url = story.get_absolute_url()
    client.get(url)
    with time_machine.travel(time.time() + 1, tick=True) as traveller:
        edit_headline(story, editor, committed, "Ferries sail at dawn")
        store.claim_render(key_of(client, url))
        traveller.shift(settings.PAGE_CACHE_STALE_BOUND + 1)
        response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Ferries sail at dawn" in response.text


def test_a_bound_of_zero_never_serves_a_stale_copy(client, story, committed, editor, settings):
    settings.PAGE_CACHE_STALE_BOUND = 0
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")
    store.claim_render(key_of(client, url))
    assert "Ferries sail at dawn" in client.get(url).text


def test_a_page_rendered_while_its_story_changed_is_kept_stale_and_replaced_next(
    client, story, committed, editor
):
    url = story.get_absolute_url()
    story_tag = f"article-{story.pk}"
    # The change commits while the page renders: the copy is kept, stale from the start.
    with time_machine.travel(time.time(), tick=True) as traveller:
        start = time.time_ns()
        traveller.shift(0.01)
        store.bump([story_tag])
        versions, moved = store.versions_at_render({story_tag}, started_ns=start)
    assert moved and versions == {story_tag: 0}

    client.get(url)
    store.bump([story_tag])
    key = key_of(client, url)
    found = store.lookup(key)
    assert found is not None and not found.current and store.may_serve_stale(found)


class SlowPage:
    """A page that takes a while to render and counts its renders (stands for a heavy home)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
        record("article-stampede")
        time.sleep(self.seconds)
        return HttpResponse(f"<p>render {self.renders}</p>")


# On Redis, the store every process shares: the claim is what keeps other processes waiting.
@pytest.mark.parametrize("page_cache", ["redis"], indirect=True)
def test_many_readers_of_a_page_gone_stale_cause_one_render():
    page = SlowPage(seconds=0.3)
    middleware = PageCacheMiddleware(page)
    factory = RequestFactory()
    assert middleware(factory.get("/stampede/"))["X-Page-Cache"] == "miss"
    store.bump(["article-stampede"])
    readers = 12
    start = threading.Barrier(readers)

    def read(_):
        start.wait()
        return middleware(factory.get("/stampede/"))["X-Page-Cache"]

    with ThreadPoolExecutor(readers) as pool:
        answers = list(pool.map(read, range(readers)))
    assert page.renders == 2, answers  # the first, and the one after the change
    assert answers.count("miss") == 1
    assert answers.count("stale") + answers.count("hit") == readers - 1
    assert "stale" in answers
