"""A stale page is rendered by one request while the others get the copy before, within a bound."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.services import publishing
from articles.services.writing import write_article
from core.pagecache import store
from core.pagecache.middleware import PageCacheMiddleware, request_parts
from core.pagecache.tags import record
from tests.cache.pages import cache

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

    store.release_render(key_of(client, url))  # that request gave up
    # The next reader claims the render: the copy again, and the page rendered after it.
    assert client.get(url)["X-Page-Cache"] == "stale"
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "hit" and "Ferries sail at dawn" in fresh.text


def test_the_reader_who_finds_a_page_stale_gets_the_copy_and_it_is_rendered_after_the_answer(
    client, story, committed, editor
):
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")

    # The test client closes each response as a server does once it is sent.
    response = client.get(url)
    assert response["X-Page-Cache"] == "stale" and "Ferries sail again" in response.text
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "hit" and "Ferries sail at dawn" in fresh.text
    # It let go of its claim: the next change is rendered too, not waited on.
    edit_headline(story, editor, committed, "Ferries sail at noon")
    client.get(url)
    assert "Ferries sail at noon" in client.get(url).text


def test_a_head_that_finds_a_page_stale_renders_it_at_once(client, story, committed, editor):
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")
    head = client.head(url)
    assert head.status_code == 200 and "X-Page-Cache" not in head  # rendered, not replayed
    # A HEAD's render is not kept (its answer has no body), and its claim is let go: the
    # next GET claims the render, gets the copy, and the page is rendered after its answer.
    assert client.get(url)["X-Page-Cache"] == "stale"
    assert "Ferries sail at dawn" in client.get(url).text


def test_a_failed_render_after_the_answer_lets_go_of_the_claim(
    client, story, committed, editor, monkeypatch
):
    url = story.get_absolute_url()
    client.get(url)
    edit_headline(story, editor, committed, "Ferries sail at dawn")
    monkeypatch.setattr(PageCacheMiddleware, "render_and_store", broken_render)

    assert client.get(url)["X-Page-Cache"] == "stale"
    assert store.claim_render(key_of(client, url))  # free again


def broken_render(self, request, key):
    raise RuntimeError("the database went away")


def test_no_copy_of_an_article_taken_off_the_public_is_served_stale(
    client, story, committed, editor
):
    url, home = story.get_absolute_url(), reverse("articles:home")
    cache(client, [url, home])
    store.claim_render(key_of(client, url))  # another process is rendering both
    store.claim_render(key_of(client, home))
    with committed():
        publishing.unpublish(article=story, user=editor)
    assert client.get(url).status_code == 410
    assert "Ferries sail again" not in client.get(home).text


def test_no_copy_of_an_article_moved_to_a_later_time_is_served_stale(
    client, story, committed, editor
):
    home = reverse("articles:home")
    cache(client, [home])
    store.claim_render(key_of(client, home))
    later = {"published_at": timezone.now() + timedelta(days=1)}
    with committed():
        write_article(article=story, fields=later, user=editor, comment="Hold until tomorrow")
    assert "Ferries sail again" not in client.get(home).text


def test_other_changes_leave_stale_copies_servable(client, story, committed, editor):
    home = reverse("articles:home")
    cache(client, [home])
    store.claim_render(key_of(client, home))
    edit_headline(story, editor, committed, "Ferries sail at dawn")
    assert client.get(home)["X-Page-Cache"] == "stale"


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
        response = middleware(factory.get("/stampede/"))
        response.close()  # as the server does once the answer is sent
        return response["X-Page-Cache"]

    with ThreadPoolExecutor(readers) as pool:
        answers = list(pool.map(read, range(readers)))
    assert page.renders == 2, answers  # the first, and the one after the change
    # The claimer's reader too got the copy: the render ran after its answer.
    assert answers.count("stale") + answers.count("hit") == readers
    assert "stale" in answers
