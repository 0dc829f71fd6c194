"""A database that does not answer in time costs a request its time budget, then a 503.

A table held locked by another session makes every read and write wait; the server's lock
timeout (DB_LOCK_TIMEOUT) ends the wait with a problem+json 503 for the API and a plain 503
page for readers, long before gunicorn would kill the worker at 30 seconds.
"""

import json
import os
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import connection

from config.settings.base import sqlite_database
from core.api import conditional
from tests.factories import ArticleFactory, api_key

from .conftest import django_server

LOCK_SECONDS = 1


def send(request: urllib.request.Request) -> tuple[int, dict, str, float]:
    """Return the status, headers, body and seconds taken of a request, whatever the status."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode(), time.monotonic() - started


@pytest.fixture
def server(transactional_db):
    """Yield the URL of a server on this test's PostgreSQL database, with a 1 s lock timeout."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock timeout; SQLite's busy timeout is tested below")
    database = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "DB_LOCK_TIMEOUT": str(LOCK_SECONDS),
    }
    with django_server(env) as url:
        yield url


def test_a_locked_table_gives_a_503_in_each_format_within_the_lock_timeout(server, editor):
    article = ArticleFactory()
    token = api_key(editor)
    patch = urllib.request.Request(
        f"{server}/api/v1/articles/{article.pk}/",
        data=json.dumps({"headline": "Locked out"}).encode(),
        method="PATCH",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "If-Match": conditional.version_etag(article),
        },
    )
    page = urllib.request.Request(f"{server}{article.get_absolute_url()}")
    assert send(page)[0] == 200
    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=database["NAME"]
    ) as holder:
        holder.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")
        api_status, api_headers, api_body, api_seconds = send(patch)
        page_status, page_headers, page_body, page_seconds = send(page)

    assert api_status == 503 and api_headers["Content-Type"] == "application/problem+json"
    assert json.loads(api_body)["status"] == 503
    assert page_status == 503 and page_headers["Content-Type"].startswith("text/html")
    assert "We will be back in a moment" in page_body
    assert LOCK_SECONDS <= api_seconds < LOCK_SECONDS + 5
    assert LOCK_SECONDS <= page_seconds < LOCK_SECONDS + 5
    assert send(patch)[0] == 200  # the lock gone, the same request goes through


def test_an_sqlite_writer_waits_only_the_busy_timeout_for_anothers_lock(
    settings, tmp_path, django_db_blocker
):
    """The busy timeout from settings reaches the connection, and a waiter gives up after it."""
    import sqlite3

    from django.db import OperationalError
    from django.db.utils import ConnectionHandler

    settings_dict = sqlite_database(tmp_path / "db.sqlite3")
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "timeout": 0.5}
    assert sqlite_database(tmp_path / "x")["OPTIONS"]["timeout"] == settings.DB_BUSY_TIMEOUT
    holder = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    waiter = ConnectionHandler({"default": settings_dict})["default"]
    started = time.monotonic()
    with (
        django_db_blocker.unblock(),
        pytest.raises(OperationalError, match="locked"),
        waiter.cursor() as cursor,
    ):
        cursor.execute("BEGIN IMMEDIATE")
    assert 0.4 < time.monotonic() - started < 3
    holder.close()
    with django_db_blocker.unblock():
        waiter.close()
