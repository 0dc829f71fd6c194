"""Signed-in users, private answers and errors never go through the page cache."""

import re

import pytest
from django.urls import reverse

from articles.services.writing import write_article
from tests.cache.pages import cache, text
from tests.factories import api_key

pytestmark = pytest.mark.usefixtures("page_cache")


def test_a_signed_in_user_always_sees_the_fresh_page(client, story, editor):
    cache(client, [story.get_absolute_url()])
    # Not committed: only a reader bypassing the cache can see the change.
    write_article(article=story, fields={"headline": "Uncommitted"}, user=editor, comment="Edit")
    client.force_login(editor)
    response = client.get(story.get_absolute_url())
    assert "Uncommitted" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_an_api_client_with_a_token_always_gets_a_fresh_answer(client, story, editor):
    url = reverse("api:article-detail", kwargs={"pk": story.pk})
    cache(client, [url])
    write_article(article=story, fields={"headline": "Uncommitted"}, user=editor, comment="Edit")
    response = client.get(url, headers={"authorization": f"Token {api_key(editor)}"})
    assert "Uncommitted" in response.content.decode()
    assert "X-Page-Cache" not in response


def test_a_signed_in_users_page_is_never_served_to_readers(client, story, editor):
    client.force_login(editor)
    client.get(story.get_absolute_url())
    client.logout()
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_missing_page_is_not_cached(client, db):
    client.get("/topic/no-such-topic/")
    assert "X-Page-Cache" not in client.get("/topic/no-such-topic/")


def test_a_response_setting_a_cookie_is_not_cached(client, db):
    client.get(reverse("admin:login"))
    assert "X-Page-Cache" not in client.get(reverse("admin:login"))


def test_page_cache_off_serves_every_request_fresh(client, story, editor, settings):
    settings.PAGE_CACHE = False
    client.get(story.get_absolute_url())
    write_article(article=story, fields={"headline": "Uncommitted"}, user=editor, comment="Edit")
    response = client.get(story.get_absolute_url())
    assert "Uncommitted" in text(client, story.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_the_benchmarks_trivial_view_is_not_routed_by_default(client, db):
    assert client.get("/bench/ceiling/").status_code == 404


def test_a_page_carrying_a_csp_nonce_is_never_stored_so_no_nonce_is_served_twice(client):
    nonces = set()
    for _ in range(2):
        response = client.get("/api/docs/")
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
        nonces |= set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    assert len(nonces) == 2
