"""Settings come from the environment; check them in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings.base import sqlite_database

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'debug': settings.DEBUG,"
    " 'cache': settings.CACHES['default']['BACKEND'], 'hosts': settings.ALLOWED_HOSTS,"
    " 'demo': settings.MASTHEAD_DEMO}))"
)


def load_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    return result


def test_development_defaults_to_sqlite_and_local_memory_cache():
    values = json.loads(load_settings("config.settings.local").stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache"].endswith("LocMemCache")
    assert values["demo"] is True


def test_database_url_selects_postgresql_and_redis_url_the_redis_cache():
    result = load_settings(
        "config.settings.local",
        DATABASE_URL="postgres://u:p@db.internal:5432/news",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "news"
    assert values["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("config.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_turns_debug_and_demo_off_whatever_the_environment_says():
    result = load_settings(
        "config.settings.production",
        SECRET_KEY="s3cret",
        DEBUG="true",
        MASTHEAD_DEMO="true",
        ALLOWED_HOSTS="news.example.com, cdn.example.com",
    )
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["demo"] is False
    assert values["hosts"] == ["news.example.com", "cdn.example.com"]


def connect(path):
    wrapper = DatabaseWrapper({**sqlite_database(path), "ATOMIC_REQUESTS": False,
                               "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False,
                               "TIME_ZONE": None, "TEST": {}, "USER": "", "PASSWORD": "",
                               "HOST": "", "PORT": ""})  # fmt: skip
    wrapper.ensure_connection()
    return wrapper


@pytest.fixture
def unblocked(django_db_blocker):
    """Allow raw connections to a throwaway SQLite file."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.usefixtures("unblocked")
def test_sqlite_uses_wal_and_concurrent_writers_wait_instead_of_failing(tmp_path):
    path = tmp_path / "concurrent.sqlite3"
    setup = connect(path)
    with setup.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cursor.execute("CREATE TABLE t (n INTEGER)")
    setup.close()
    errors = []

    def write(n):
        db = connect(path)
        try:
            for _ in range(5):
                with db.cursor() as cursor:
                    # Django's atomic() opens BEGIN IMMEDIATE under this configuration.
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("SELECT count(*) FROM t").fetchone()
                    time.sleep(0.02)  # hold the write lock so the writers collide
                    cursor.execute("INSERT INTO t VALUES (%s)", [n])
                    cursor.execute("COMMIT")
        except Exception as exc:  # any failure is the finding
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = connect(path)
    with check.cursor() as cursor:
        assert cursor.execute("SELECT count(*) FROM t").fetchone()[0] == 20
    check.close()
