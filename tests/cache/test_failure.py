"""A cache that fails never breaks a page: it is served uncached and the failure logged."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse

from articles.services import publishing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_redis_at(settings, port: int) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_CLOCK_SKEW = 0


@pytest.fixture
def redis_server():
    """Start a real redis-server of our own on a free port; yield a function that stops it."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = free_port()
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(["redis-server", *options], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)

    def stop():
        server.terminate()
        server.wait(timeout=10)

    yield port, stop
    if server.poll() is None:
        stop()


def test_pages_are_served_when_nothing_listens_on_the_redis_port(client, story, settings, caplog):
    use_redis_at(settings, free_port())
    for url in [reverse("articles:home"), story.get_absolute_url(), reverse("api:article-list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    assert "Page cache unavailable" in caplog.text


def test_pages_are_served_after_redis_stops(
    client, story, settings, caplog, redis_server, committed, editor
):
    port, stop = redis_server
    use_redis_at(settings, port)
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    stop()
    caches["pages"].close()
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:home")).status_code == 200
    with committed():
        publishing.unpublish(article=story, user=editor)
    assert "Effect pagecache failed" in caplog.text  # retried by the worker
    assert client.get(story.get_absolute_url()).status_code == 410


def test_the_api_answers_when_the_default_cache_is_down(client, story, settings, caplog):
    closed = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
    closed["LOCATION"] = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {**settings.CACHES, "default": closed}
    assert client.get(reverse("api:article-list")).status_code == 200
    assert "The cache is unavailable" in caplog.text
