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
import threading
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
    # Once stale, rendered by the request that finds it, not after that request's answer.
    refresh_inline: bool = False


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _versions():
    """Return the store of tag versions: beside the pages on Redis, else one every process
    sees (PAGE_CACHE_VERSIONS_ALIAS), since each process keeps its own pages."""
    cache = _cache()
    return cache if isinstance(cache, RedisCache) else caches[settings.PAGE_CACHE_VERSIONS_ALIAS]


# When an article last left the public (ns): a stale copy from before may show it.
WITHDRAWN = "withdrawn-at"
# On Redis, a count moved on by every bump (FETCH_IF_CURRENT).
GENERATION = "generation"


def _version_key(tag: str) -> str:
    return f"v:{tag}"


def entry_key(parts: Iterable[str]) -> str:
    """Return the cache key of the response to a request described by `parts`."""
    return "page:" + hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def _manifest_key(key: str) -> str:
    return f"{key}:versions"


# KEYS[1]: the entry; KEYS[2]: its manifest, "#<the entry's digest>" then lines of
# "<version key> <version>"; KEYS[3]: when the entry was last known current (ns); KEYS[4]:
# when an article last left the public (WITHDRAWN, ns). ARGV[1]: now (ns); ARGV[2]: how
# stale KEYS[3] may grow before a current hit writes it again (ns), negative never to write
# it; ARGV[3]: the digest of the copy the process holds ('' for none). Returns false, or
# {'', 'current'} (the process's copy is the entry), or {entry, 'current', digest}, or
# {entry, when last known current, KEYS[4]}. KEYS[5]: the store's generation (GENERATION),
# moved on by every bump; KEYS[6]: the generation at which the entry was last found current.
# While no bump has happened since, the entry is current without comparing its versions:
# most hits read four short keys, whatever the number of tags. The version keys are
# read from the manifest, not declared in KEYS: fine on one Redis (or a primary with
# replicas), not on Redis Cluster, which the page cache does not support.
FETCH_IF_CURRENT = Script(
    None,
    b"""
local manifest = redis.call('GET', KEYS[2])
if not manifest then return false end
local generation = redis.call('GET', KEYS[5]) or '0'
local current = redis.call('GET', KEYS[6]) == generation
if not current then
  local names, wanted = {}, {}
  for name, version in string.gmatch(manifest, '(%S+) (%d+)\\n') do
    names[#names + 1] = name
    wanted[#wanted + 1] = version
  end
  current = true
  if #names > 0 then
    local found = redis.call('MGET', unpack(names))
    for i = 1, #names do
      if found[i] ~= wanted[i] then current = false break end
    end
  end
  if current then
    local ttl = redis.call('PTTL', KEYS[2])
    if ttl > 0 then redis.call('SET', KEYS[6], generation, 'PX', ttl) end
  end
end
local seen = redis.call('GET', KEYS[3])
if not current then
  local entry = redis.call('GET', KEYS[1])
  if not entry then return false end
  return {entry, seen or '0', redis.call('GET', KEYS[4]) or '0'}
end
local refresh = tonumber(ARGV[2])
if refresh >= 0 and (not seen or tonumber(ARGV[1]) - tonumber(seen) > refresh) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('SET', KEYS[3], ARGV[1], 'PX', ttl) end
end
local digest = string.match(manifest, '^#(%x+)\\n') or ''
if digest ~= '' and digest == ARGV[3] then return {'', 'current'} end
local entry = redis.call('GET', KEYS[1])
if not entry then return false end
return {entry, 'current', digest}
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
    # When an article last left the public (ns; 0 if never known): a copy not known current
    # since then may show it, and is never served stale.
    withdrawn_ns: int = 0


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
    withdrawn = 0 if is_current else _versions().get(WITHDRAWN, 0)
    return Found(entry, is_current, seen, withdrawn)


def _lookup_in_redis(cache: RedisCache, key: str, refresh_ns: int) -> Found | None:
    """Read the entry in one round trip, Redis comparing the versions (FETCH_IF_CURRENT)."""
    names = (key, _manifest_key(key), _seen_key(key), WITHDRAWN, GENERATION, _checked_key(key))
    keys = [cache.make_and_validate_key(name) for name in names]
    held = _held.get(key)
    args = [time.time_ns(), refresh_ns, held[0] if held else ""]
    found = FETCH_IF_CURRENT(keys=keys, args=args, client=_redis_client(cache))
    if found is None:
        return None
    if found[1] != b"current":
        entry = cache._cache._serializer.loads(found[0])
        return Found(entry, False, int(found[1]), _number(found[2]))
    if found[0] == b"" and held:
        return Found(held[1], True, time.time_ns())
    entry = cache._cache._serializer.loads(found[0])
    _hold(key, found[2].decode(), entry)
    return Found(entry, True, time.time_ns())


# Each process holds the entries it served last, each under its digest: Redis, comparing
# the digest with its manifest's, answers whether the copy held is still the entry, and
# sends the entry (tens of kB, unpickled here) only when it is not. The digest is of the
# entry's content, so a copy held is never served for another entry.
_held: dict[str, tuple[str, Entry]] = {}
_held_lock = threading.Lock()
HELD_ENTRIES = 256


def _hold(key: str, digest: str, entry: Entry) -> None:
    if not digest:
        return
    with _held_lock:
        _held.pop(key, None)
        while len(_held) >= HELD_ENTRIES:
            _held.pop(next(iter(_held)))
        _held[key] = (digest, entry)


def digest_of(entry: Entry) -> str:
    """Return a digest of everything an entry answers with (its versions included)."""
    summary = repr((entry.status, entry.headers, sorted(entry.versions.items()))).encode()
    return hashlib.sha1(summary + entry.content, usedforsecurity=False).hexdigest()


def _number(raw: bytes) -> int:
    """Return a number the cache stored (Django's Redis backend keeps integers as text)."""
    return int(raw) if raw.isdigit() else 0


def claim_render(key: str) -> bool:
    """Return True if this process may render `key` afresh: no other is doing so now."""
    return _cache().add(_render_key(key), 1, timeout=math.ceil(settings.PAGE_CACHE_STALE_BOUND))


def release_render(key: str) -> None:
    """Let another process render `key` (after this one stored it, or failed to)."""
    _cache().delete(_render_key(key))


def may_serve_stale(found: Found) -> bool:
    """Return True if every change the stale entry misses committed within the stale bound,
    and none took an article off the public (it may be on the copy: never shown again)."""
    if found.last_current_ns <= found.withdrawn_ns + skew_ns():
        return False
    return time.time_ns() - found.last_current_ns <= _stale_bound_ns()


def _stale_bound_ns() -> int:
    return int(settings.PAGE_CACHE_STALE_BOUND * 1_000_000_000)


def _seen_key(key: str) -> str:
    return f"{key}:current-at"


def _checked_key(key: str) -> str:
    return f"{key}:checked-at"


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


def _manifest(cache: RedisCache, entry: Entry) -> str:
    """Return what FETCH_IF_CURRENT reads: the entry's digest, then each version's full key
    and value, a line each."""
    return f"#{digest_of(entry)}\n" + "".join(
        f"{cache.make_and_validate_key(_version_key(tag))} {version}\n"
        for tag, version in entry.versions.items()
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
        # At once (MULTI): no hit may find the new manifest checked at the old one's turn.
        with _redis_client(cache).pipeline(transaction=True) as both:
            both.set(manifest_key, _manifest(cache, entry), ex=seconds)
            both.delete(cache.make_and_validate_key(_checked_key(key)))
            both.execute()
    if current_at_ns is not None:
        cache.set(_seen_key(key), current_at_ns, timeout=seconds)


def skew_ns() -> int:
    """Return how far apart the clocks of the servers writing versions may be."""
    return int(settings.PAGE_CACHE_CLOCK_SKEW * 1_000_000_000)


def bump(tags: Iterable[str], *, withdrawn: bool = False) -> None:
    """Make every response showing one of `tags` stale; raise if the store cannot be told.

    `withdrawn`: the change took something off the public (an article unpublished or
    deleted); no copy from before it is served stale, whatever its tags.
    Called by an event's effect (articles/pagecache.py), which is retried until it succeeds.
    """
    tags = sorted(set(tags))
    if tags:
        now = time.time_ns()
        changed = {_version_key(tag): now for tag in tags}
        if withdrawn:
            changed[WITHDRAWN] = now
        versions = _versions()
        versions.set_many(changed, timeout=None)
        if isinstance(versions, RedisCache):
            # After the versions: a hit reading the new generation compares them afresh.
            _redis_client(versions).incr(versions.make_and_validate_key(GENERATION))


def purge(tags: Iterable[str]) -> None:
    """Hand the changed tags to the CDN purge hook named by PAGE_CACHE_PURGE, if any."""
    tags = sorted(set(tags))
    if tags and settings.PAGE_CACHE_PURGE:
        import_string(settings.PAGE_CACHE_PURGE)(tags)
