"""Serve anonymous GET and HEAD requests from the page cache, before sessions and auth run."""

import hashlib
import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from . import store
from .tags import collecting

logger = logging.getLogger(__name__)

SAFE_METHODS = {"GET", "HEAD"}
# A response saying any of these is for one reader only.
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    """Answer anonymous readers from the cache; store what they are sent when it is public.

    It sits early in the stack so that a hit costs two cache reads and no session, user,
    CSRF or database work. A cache failure is logged and the request is served uncached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or not settings.PAGE_CACHE:
            return self.get_response(request)
        if signed_in(request):
            return keep_private(self.get_response(request))
        if request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES)):
            return self.get_response(request)
        try:
            key = store.entry_key(request_parts(request))
            found = store.lookup(key)
            rendering = found is not None and not found.current and store.claim_render(key)
        except Exception:
            logger.warning(
                "Page cache unavailable; serving %s uncached", request.path, exc_info=True
            )
            return self.get_response(request)
        if found is not None and found.current:
            return replay(request, found.entry)
        # A HEAD that claims the render renders at once: its answer keeps no body. So does
        # a request for an answer readers poll for (a stale one keeps them a poll behind).
        refresh_later = rendering and request.method == "GET" and not found.entry.refresh_inline
        if found is not None and (refresh_later or not rendering) and store.may_serve_stale(found):
            # The copy misses no change older than the stale bound (docs/operators.md, "The
            # page cache"); one request renders the page afresh, the others are not held up.
            response = replay(request, found.entry, state="stale")
            if refresh_later:
                self.refresh_after_answer(request, response, key)
            return response
        try:
            return self.render_and_store(request, key)
        finally:
            if rendering:
                release_quietly(key)

    def refresh_after_answer(self, request, response, key: str) -> None:
        """Render `key` afresh once `response` has gone out: its reader waits on no render.

        The server closes a response after sending it; the render runs among its closers,
        while the claim keeps every other request on the copy (and every other process,
        the claim being in the shared store). If it outlasts the stale bound, the next
        request renders the page itself.
        """

        def refresh():
            try:
                self.render_and_store(request, key)
            except Exception:
                logger.exception("Page cache: rendering %s afresh failed", request.path)
            finally:
                release_quietly(key)

        response._resource_closers.append(refresh)

    def render_and_store(self, request, key: str):
        """Render the response, then keep it if it is the same for every anonymous reader."""
        started_ns = time.time_ns()
        with collecting(began=started_ns) as shown:
            response = self.get_response(request)
        if request.method != "GET" or not storable(response) or used_a_nonce(request):
            return response
        try:
            entry = make_entry(key, request, response, shown, started_ns)
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", request.path, exc_info=True)
            return response
        if entry is None:
            return response
        return replay(request, entry, state="miss")


def release_quietly(key: str) -> None:
    """Let another request render `key`; if the cache cannot be told, the claim expires."""
    try:
        store.release_render(key)
    except Exception:
        logger.warning("Page cache unavailable; %s stays claimed until it expires", key)


def signed_in(request) -> bool:
    """Return True if the request may come from a signed-in user (who always gets fresh pages)."""
    # META, not request.headers, which parses every header of the request to build.
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(name in request.COOKIES for name in bypass_cookies())


def bypass_cookies() -> tuple[str, ...]:
    """Return the cookies that make a page personal: the session's and the flash messages'."""
    return (settings.SESSION_COOKIE_NAME, "messages")


def keep_private(response):
    """Tell browsers and CDNs that a signed-in user's response is theirs alone."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private, no-store"
    return response


def request_parts(request) -> list[str]:
    """Return what tells one cached response from another: address, and for the API, Accept."""
    parts = [request.scheme, request.get_host(), request.get_full_path()]
    if request.path.startswith("/api/"):
        parts.append(request.headers.get("Accept", ""))
    return parts


def used_a_nonce(request) -> bool:
    """Return True if the page carries a CSP nonce, which must never be served twice."""
    # django-csp makes the request's nonce only when a template asks for it.
    return isinstance(getattr(request, "_csp_nonce", None), str)


def storable(response) -> bool:
    """Return True if the response is the same for every anonymous reader and may be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.get("Vary", "").strip() == "*":
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in PRIVATE_DIRECTIVES)


def make_entry(key: str, request, response, shown: set[str], started_ns: int) -> store.Entry | None:
    """Store the response under the tags of what it shows; None if a tag changed meanwhile."""
    tags, limit = import_string(settings.PAGE_CACHE_DESCRIBE)(request, shown)
    seconds = (
        settings.PAGE_CACHE_SECONDS if limit is None else min(limit, settings.PAGE_CACHE_SECONDS)
    )
    if seconds <= 0:
        return None
    # Stored even if a tag moved while it rendered (then stale at once): under a stream of
    # changes, the copy served while the next render runs is never older than this one.
    versions, _moved = store.versions_at_render(tags, started_ns=started_ns)
    add_validators(response)
    response["Surrogate-Key"] = " ".join(sorted(tags))
    response["Cache-Tag"] = ",".join(sorted(tags))
    entry = store.Entry(
        status=response.status_code,
        headers=tuple(response.items()),
        content=response.content,
        versions=versions,
        expires_at=time.time() + seconds,
        refresh_inline=import_string(settings.PAGE_CACHE_REFRESH_INLINE)(request),
    )
    store.save(key, entry, seconds, current_at_ns=started_ns - store.skew_ns())
    return entry


def add_validators(response) -> None:
    """Give the response an ETag hashed from its body and a Last-Modified of now, if missing."""
    if not response.has_header("ETag"):
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        response["ETag"] = f'W/"{digest}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()


def replay(request, entry: store.Entry, *, state: str = "hit"):
    """Build the response from an entry, telling a CDN how long it may still keep it."""
    content = b"" if request.method == "HEAD" else entry.content
    response = HttpResponse(content, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    # A stale copy is for this moment alone: a CDN keeping it would outlive the stale bound.
    remaining = 0 if state == "stale" else max(0, round(entry.expires_at - time.time()))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={remaining}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
    )
    response["X-Page-Cache"] = state
    last_modified = parse_http_date_safe(response["Last-Modified"])
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
