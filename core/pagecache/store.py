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
import math
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


# KEYS[1]: the entry; KEYS[2]: its manifest, lines of "<version key> <version>"; KEYS[3]:
# when the entry was last known current (ns). ARGV[1]: now (ns); ARGV[2]: how stale KEYS[3]
# may grow before a current hit writes it again (ns), negative never to write it. Returns
# false, or {entry, 'current'}, or {entry, when last known current}. The version keys are
# read from the manifest, not declared in KEYS: fine on one Redis (or a primary with
# replicas), not on Redis Cluster, which the page cache does not support.
FETCH_IF_CURRENT = Script(
    None,
    b"""
local entry = redis.call('GET', KEYS[1])
local manifest = redis.call('GET', KEYS[2])
if not entry or not manifest then return false end
local names, wanted = {}, {}
for name, version in string.gmatch(manifest, '(%S+) (%d+)\\n') do
  names[#names + 1] = name
  wanted[#wanted + 1] = version
end
local current = true
if #names > 0 then
  local found = redis.call('MGET', unpack(names))
  for i = 1, #names do
    if found[i] ~= wanted[i] then current = false break end
  end
end
local seen = redis.call('GET', KEYS[3])
if not current then return {entry, seen or '0'} end
local refresh = tonumber(ARGV[2])
if refresh >= 0 and (not seen or tonumber(ARGV[1]) - tonumber(seen) > refresh) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('SET', KEYS[3], ARGV[1], 'PX', ttl) end
end
return {entry, 'current'}
""",  # bytes: a str would need a client to encode it at import
)


@dataclass(frozen=True)
class Found:
    """A stored entry, and whether its tags are still at the versions it was stored under."""

    entry: Entry
    current: bool
    # When the entry was last known current (ns since the epoch; 0 if not known): every
    # change it misses committed after then.
    last_current_ns: int


def fetch(key: str) -> Entry | None:
    """Return the stored entry if every tag it shows is still at its recorded version."""
    found = lookup(key, note_current=False)
    return found.entry if found is not None and found.current else None


def lookup(key: str, *, note_current: bool = True) -> Found | None:
    """Return the stored entry, current or not, or None if there is none (or it expired).

    With `note_current`, a current entry also notes (at most every half stale bound) that it
    was current now, which tells how long a stale copy of it may still be served.
    """
    cache = _cache()
    refresh = _stale_bound_ns() // 2 if note_current else -1
    if isinstance(cache, RedisCache):
        found = _lookup_in_redis(cache, key, refresh)
    else:
        found = _lookup(cache, key, refresh)
    if found is None or found.entry.expires_at <= time.time():
        return None
    return found


def _lookup(cache, key: str, refresh_ns: int) -> Found | None:
    """Read the entry, then its tags' versions: two reads of a cache without scripts."""
    entry = cache.get(key)
    if entry is None:
        return None
    current = _versions().get_many([_version_key(tag) for tag in entry.versions])
    is_current = all(
        current.get(_version_key(tag)) == version for tag, version in entry.versions.items()
    )
    seen = cache.get(_seen_key(key), 0)
    now = time.time_ns()
    if is_current and refresh_ns >= 0 and now - seen > refresh_ns:
        cache.set(_seen_key(key), now, timeout=max(1, round(entry.expires_at - time.time())))
    return Found(entry, is_current, seen)


def _lookup_in_redis(cache: RedisCache, key: str, refresh_ns: int) -> Found | None:
    """Read the entry in one round trip, Redis comparing the versions (FETCH_IF_CURRENT)."""
    keys = [cache.make_and_validate_key(name) for name in (key, _manifest_key(key), _seen_key(key))]
    found = FETCH_IF_CURRENT(
        keys=keys, args=[time.time_ns(), refresh_ns], client=_redis_client(cache)
    )
    if found is None:
        return None
    raw, seen = found
    entry = cache._cache._serializer.loads(raw)
    if seen == b"current":
        return Found(entry, True, time.time_ns())
    return Found(entry, False, int(seen))


def claim_render(key: str) -> bool:
    """Return True if this process may render `key` afresh: no other is doing so now."""
    return _cache().add(_render_key(key), 1, timeout=math.ceil(settings.PAGE_CACHE_STALE_BOUND))


def release_render(key: str) -> None:
    """Let another process render `key` (after this one stored it, or failed to)."""
    _cache().delete(_render_key(key))


def may_serve_stale(found: Found) -> bool:
    """Return True if every change the stale entry misses committed within the stale bound."""
    return time.time_ns() - found.last_current_ns <= _stale_bound_ns()


def _stale_bound_ns() -> int:
    return int(settings.PAGE_CACHE_STALE_BOUND * 1_000_000_000)


def _seen_key(key: str) -> str:
    return f"{key}:current-at"


def _render_key(key: str) -> str:
    return f"{key}:rendering"


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
    versions, moved = versions_at_render(tags, started_ns=started_ns)
    return None if moved else versions


def versions_at_render(tags: Iterable[str], *, started_ns: int) -> tuple[dict[str, int], bool]:
    """Return each tag's version for an entry rendered from `started_ns`, and whether one moved.

    A tag that changed since then (within the clock skew) gets version 0, which is never
    current: the entry is stale from the start, yet newer than any copy kept before it.
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
    since = started_ns - skew_ns()
    moved = {key for key in keys if found.get(key, started_ns) >= since}
    return {tag: 0 if key in moved else found[key] for key, tag in keys.items()}, bool(moved)


def save(key: str, entry: Entry, seconds: int, *, current_at_ns: int | None = None) -> None:
    """Store an entry for `seconds` (on Redis, with its manifest).

    `current_at_ns`: when what the entry shows was last current (for a page, when its
    rendering began, less the clock skew); how long a stale copy may be served counts from it.
    """
    cache = _cache()
    cache.set(key, entry, timeout=seconds)
    if isinstance(cache, RedisCache):
        # Plain text (not pickled) for the script to read; written after the entry.
        manifest_key = cache.make_and_validate_key(_manifest_key(key))
        _redis_client(cache).set(manifest_key, _manifest(cache, entry.versions), ex=seconds)
    if current_at_ns is not None:
        cache.set(_seen_key(key), current_at_ns, timeout=seconds)


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
