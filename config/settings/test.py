"""Test settings: fast hashing; the database follows DATABASE_URL like everywhere else."""

import hashlib
import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
MASTHEAD_DEMO = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405  (tests/conftest.py gives each run its own)
# Small demo pictures: a seed then makes two renditions of each instead of eight large ones.
DEMO_PICTURE_SIZE = (480, 270)
# The suite makes hundreds of API requests a minute from one address; the throttling
# tests set their own rates.
RATES = {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": None, "user": None}  # noqa: F405
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": RATES}  # noqa: F405
# Most tests write inside a transaction that never commits, so a change would never reach
# the page cache; tests/cache/ turns it on with data that commits.
PAGE_CACHE = False

# pytest-xdist runs the suite in worker processes gw0, gw1, ...: pytest-django gives each its
# own test database, and each gets its own Redis db here, since the tests empty the cache
# (a Django RedisCache's clear() is a FLUSHDB). Worker n takes the db n below the one in the
# URL, wrapping past 0 to 15: CI's db 15 gives 15, 14, ...; no worker leaves Redis's
# default 16 dbs.
XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def redis_url_of_this_worker(url: str) -> str:
    """Return the Redis URL with its db number moved down by this worker's number."""
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(db - XDIST_WORKER) % 16}"))


CACHES = {
    alias: {**cache, "LOCATION": redis_url_of_this_worker(cache["LOCATION"])}
    if "Redis" in cache["BACKEND"]
    else cache
    for alias, cache in CACHES.items()  # noqa: F405
}
# The real Redis of the page-cache tests (tests/cache/): REDIS_URL's db, else TEST_REDIS_URL
# (to stay off others' dbs on a shared Redis), else db 8 of the local one.
TEST_REDIS_URL = redis_url_of_this_worker(
    env("REDIS_URL") or env("TEST_REDIS_URL", "redis://127.0.0.1:6379/8")  # noqa: F405
)
# The tests' webhook receivers listen on loopback, over http.
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
WEBHOOK_ALLOW_HTTP = True

# SQLite's test database is a file in memory (/dev/shm), not Django's in-memory database: the
# live server of the browser tests answers from threads of its own, and with an in-memory
# database Django hands every one of them the test's single connection, so two requests at
# once (a page and its poll) broke each other's savepoints ("no such savepoint"). A file
# gives each thread a connection of its own, locking as production's SQLite does. Named
# after this checkout, so two checkouts' suites never share one; pytest-xdist adds _gw<n>.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _SHM = Path("/dev/shm")  # noqa: F405
    _CHECKOUT = hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:10]  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str((_SHM if _SHM.is_dir() else BASE_DIR) / f"masthead-test-{_CHECKOUT}.sqlite3")  # noqa: F405
    }
