"""Cached responses and the versions of the tags they show.

A tag's version is the time (in nanoseconds) it last changed. An entry keeps the versions its
tags had when it was stored and is served only while every one is still current, so bumping
a tag makes every response showing it a miss, whatever else the cache holds.
"""

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """A stored response and the tag versions it was rendered under."""

    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    versions: dict[str, int]
    expires_at: float


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _version_key(tag: str) -> str:
    return f"v:{tag}"


def entry_key(parts: Iterable[str]) -> str:
    """Return the cache key of the response to a request described by `parts`."""
    return "page:" + hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def fetch(key: str) -> Entry | None:
    """Return the stored entry if every tag it shows is still at its recorded version."""
    entry = _cache().get(key)
    # The entry's own deadline, not only the cache's: it may fall at a scheduled publish.
    if entry is None or entry.expires_at <= time.time():
        return None
    current = _cache().get_many([_version_key(tag) for tag in entry.versions])
    for tag, version in entry.versions.items():
        if current.get(_version_key(tag)) != version:
            return None
    return entry


def current_versions(tags: Iterable[str], *, started_ns: int) -> dict[str, int] | None:
    """Return each tag's version, or None if one changed since `started_ns` (then skip storing).

    A change committed while the response was rendered may not be in it: storing it under
    the new version would serve it as fresh.
    """
    keys = {_version_key(tag): tag for tag in tags}
    found = _cache().get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        # A tag never bumped (or forgotten by the cache) starts older than this request.
        start = started_ns - skew_ns() - 1
        for key in missing:
            _cache().add(key, start, timeout=None)
        found |= _cache().get_many(missing)
    if any(found.get(key, started_ns) >= started_ns - skew_ns() for key in keys):
        return None
    return {tag: found[key] for key, tag in keys.items()}


def save(key: str, entry: Entry, seconds: int) -> None:
    """Store an entry for `seconds`."""
    _cache().set(key, entry, timeout=seconds)


def skew_ns() -> int:
    """Return how far apart the clocks of the servers writing versions may be."""
    return int(settings.PAGE_CACHE_CLOCK_SKEW * 1_000_000_000)


def bump(tags: Iterable[str]) -> None:
    """Make every response showing one of `tags` stale, here and (by the purge hook) at a CDN."""
    tags = sorted(set(tags))
    if not tags:
        return
    now = time.time_ns()
    try:
        _cache().set_many({_version_key(tag): now for tag in tags}, timeout=None)
    except Exception:
        logger.exception("The page cache could not record a change of %s", " ".join(tags))
    purge(tags)


def purge(tags: list[str]) -> None:
    """Hand the changed tags to the CDN purge hook named by PAGE_CACHE_PURGE, if any."""
    if not settings.PAGE_CACHE_PURGE:
        return
    try:
        import_string(settings.PAGE_CACHE_PURGE)(tags)
    except Exception:
        logger.exception("The CDN purge hook failed for %s", " ".join(tags))
