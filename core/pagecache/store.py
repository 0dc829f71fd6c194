"""Cached responses and the versions of the tags they show.

A tag's version is the time (in nanoseconds) it last changed. An entry keeps the versions its
tags had when it was stored and is served only while every one is still current, so bumping
a tag makes every response showing it a miss, whatever else the cache holds.

On Redis a hit is one round trip: beside each entry lies its manifest (the full keys of its
tags' versions and the values they must have), and a Lua script compares them with the
current versions inside Redis, returning the entry only if all match. A home page shows over
a hundred tags; reading their versions into Python cost more than the rest of a hit.
"""

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string
from redis.commands.core import Script


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


def _versions():
    """Return the store of tag versions: beside the pages on Redis, else one every process
    sees (PAGE_CACHE_VERSIONS_ALIAS), since each process keeps its own pages."""
    cache = _cache()
    return cache if isinstance(cache, RedisCache) else caches[settings.PAGE_CACHE_VERSIONS_ALIAS]


def _version_key(tag: str) -> str:
    return f"v:{tag}"


def entry_key(parts: Iterable[str]) -> str:
    """Return the cache key of the response to a request described by `parts`."""
    return "page:" + hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def _manifest_key(key: str) -> str:
    return f"{key}:versions"


# KEYS[1]: the entry; KEYS[2]: its manifest, lines of "<version key> <version>". The version
# keys are read from the manifest, not declared in KEYS: fine on one Redis (or a primary with
# replicas), not on Redis Cluster, which the page cache does not support.
FETCH_IF_CURRENT = Script(
    None,
    b"""
local manifest = redis.call('GET', KEYS[2])
if not manifest then return false end
local names, wanted = {}, {}
for name, version in string.gmatch(manifest, '(%S+) (%d+)\\n') do
  names[#names + 1] = name
  wanted[#wanted + 1] = version
end
if #names > 0 then
  local current = redis.call('MGET', unpack(names))
  for i = 1, #names do
    if current[i] ~= wanted[i] then return false end
  end
end
return redis.call('GET', KEYS[1])
""",  # bytes: a str would need a client to encode it at import
)


def fetch(key: str) -> Entry | None:
    """Return the stored entry if every tag it shows is still at its recorded version."""
    cache = _cache()
    entry = _fetch_from_redis(cache, key) if isinstance(cache, RedisCache) else _fetch(cache, key)
    if entry is None or entry.expires_at <= time.time():
        return None
    return entry


def _fetch(cache, key: str) -> Entry | None:
    """Read the entry, then its tags' versions: two reads of a cache without scripts."""
    entry = cache.get(key)
    if entry is None:
        return None
    current = _versions().get_many([_version_key(tag) for tag in entry.versions])
    for tag, version in entry.versions.items():
        if current.get(_version_key(tag)) != version:
            return None
    return entry


def _fetch_from_redis(cache: RedisCache, key: str) -> Entry | None:
    """Read the entry in one round trip, Redis comparing the versions (FETCH_IF_CURRENT)."""
    keys = [cache.make_and_validate_key(key), cache.make_and_validate_key(_manifest_key(key))]
    found = FETCH_IF_CURRENT(keys=keys, client=_redis_client(cache))
    return None if found is None else cache._cache._serializer.loads(found)


def _redis_client(cache: RedisCache):
    """Return a client of the primary, kept on the (per-thread) cache object.

    Django builds a new client object for every call, which costs more than a hit's round trip.
    """
    client = getattr(cache, "_page_cache_client", None)
    if client is None:
        client = cache._page_cache_client = cache._cache.get_client(write=True)
    return client


def _manifest(cache: RedisCache, versions: dict[str, int]) -> str:
    """Return the lines FETCH_IF_CURRENT compares: each version's full key and value."""
    return "".join(
        f"{cache.make_and_validate_key(_version_key(tag))} {version}\n"
        for tag, version in versions.items()
    )


def current_versions(tags: Iterable[str], *, started_ns: int) -> dict[str, int] | None:
    """Return each tag's version, or None if one changed since `started_ns` (then skip storing).

    A change committed while the response was rendered may not be in it: storing it under
    the new version would serve it as fresh.
    """
    keys = {_version_key(tag): tag for tag in tags}
    versions = _versions()
    found = versions.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        # A tag never bumped (or forgotten by the cache) starts older than this request.
        start = started_ns - skew_ns() - 1
        if hasattr(versions, "add_many"):  # the database cache: one statement
            added = versions.add_many(dict.fromkeys(missing, start), timeout=None)
            found |= dict.fromkeys(added, start)
            missing = [key for key in missing if key not in added]
        else:
            for key in missing:
                versions.add(key, start, timeout=None)
        if missing:
            found |= versions.get_many(missing)
    if any(found.get(key, started_ns) >= started_ns - skew_ns() for key in keys):
        return None
    return {tag: found[key] for key, tag in keys.items()}


def save(key: str, entry: Entry, seconds: int) -> None:
    """Store an entry for `seconds` (on Redis, with its manifest)."""
    cache = _cache()
    cache.set(key, entry, timeout=seconds)
    if isinstance(cache, RedisCache):
        # Plain text (not pickled) for the script to read; written after the entry.
        manifest_key = cache.make_and_validate_key(_manifest_key(key))
        _redis_client(cache).set(manifest_key, _manifest(cache, entry.versions), ex=seconds)


def skew_ns() -> int:
    """Return how far apart the clocks of the servers writing versions may be."""
    return int(settings.PAGE_CACHE_CLOCK_SKEW * 1_000_000_000)


def bump(tags: Iterable[str]) -> None:
    """Make every response showing one of `tags` stale; raise if the store cannot be told.

    Called by an event's effect (articles/pagecache.py), which is retried until it succeeds.
    """
    tags = sorted(set(tags))
    if tags:
        now = time.time_ns()
        _versions().set_many({_version_key(tag): now for tag in tags}, timeout=None)


def purge(tags: Iterable[str]) -> None:
    """Hand the changed tags to the CDN purge hook named by PAGE_CACHE_PURGE, if any."""
    tags = sorted(set(tags))
    if tags and settings.PAGE_CACHE_PURGE:
        import_string(settings.PAGE_CACHE_PURGE)(tags)
