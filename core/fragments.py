"""Rendered fragments of pages, kept so that the same markup is not rendered on every request.

Two kinds (FRAGMENT_CACHE=off turns both off):
- `render_fragment`: small fragments (cards) in each process's memory, keyed by a hash of the
  template's source and of every value the template reads. They need no invalidation: a change
  to any value is a new key, and the old one ages out of the bounded cache.
- `remember_parts`: larger parts (an article's own markup) in the page cache's store, kept
  under the versions of the records they show, like cached pages, and so stale at the change.
"""

import hashlib
import json
import logging
import math
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.pagecache import store
from core.pagecache.tags import began_ns, collecting, record
from core.site import site_root

logger = logging.getLogger(__name__)
# What a part's renderer returns: the parts' markup by name, and the most seconds to keep them.
Parts = tuple[dict[str, str], int | None]


@cache
def _template_digest(template_name: str) -> str:
    """Return a digest of the template's source, so that a changed template is a new key."""
    source = get_template(template_name).template.source
    return hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()[:12]


def render_fragment(template_name: str, context: dict, shown: tuple) -> SafeString:
    """Return the template rendered with `context`, reusing it while `shown` is unchanged.

    `shown` must hold every value the template's output depends on (beside the template, the
    language, the time zone and the URL prefix, which are added here).
    """
    place = (translation.get_language(), timezone.get_current_timezone_name(), get_script_prefix())
    fingerprint = repr((shown, place))
    digest = hashlib.sha1(fingerprint.encode(), usedforsecurity=False).hexdigest()
    key = f"{_template_digest(template_name)}:{digest}"
    memory = caches[settings.FRAGMENT_CACHE_ALIAS]
    html = memory.get(key) if settings.FRAGMENT_CACHE else None
    if html is None:
        html = get_template(template_name).render(context)
        memory.set(key, html)
    return mark_safe(html)


def remember_parts(name: str, shown: tuple, render: Callable[[], Parts]) -> dict:
    """Return the parts `render` makes, kept while every record they show is unchanged.

    `render` returns the parts and the seconds they may be kept at most (None: the page
    cache's lifetime), for what changes with time alone, such as an article going public.

    The parts are kept in the page cache's store under the versions of the tags recorded
    while they were rendered, so a change that bumps a tag (docs/operators.md, "The page
    cache") makes them stale at once, whether or not PAGE_CACHE serves whole pages. The
    tags are recorded again for the page around them. A store that fails is logged and the
    parts are rendered.
    """
    if not settings.FRAGMENT_CACHE:
        return render()
    place = (
        translation.get_language(), timezone.get_current_timezone_name(),
        get_script_prefix(), site_root(),
    )  # fmt: skip
    digest = hashlib.sha1(repr((shown, place)).encode(), usedforsecurity=False).hexdigest()
    key = f"fragment:{name}:{digest}"
    try:
        entry = store.fetch(key)
    except Exception:
        logger.warning("Fragment store unavailable; rendering %s", name, exc_info=True)
        entry = None
    if entry is not None:
        record(*entry.versions)
        return {part: mark_safe(html) for part, html in json.loads(entry.content).items()}
    return _render_and_keep(key, render)


def _render_and_keep(key: str, render: Callable[[], Parts]) -> dict:
    with collecting() as shown:
        # From when the page around began, if any: tags first seen here start before that.
        started_ns = began_ns()
        parts, limit = render()
    record(*shown)
    try:
        versions = store.current_versions(shown, started_ns=started_ns)
        seconds = min(settings.PAGE_CACHE_SECONDS, limit if limit is not None else math.inf)
        if versions is not None and seconds > 0:
            content = json.dumps(parts).encode()
            entry = store.Entry(200, (), content, versions, time.time() + seconds)
            store.save(key, entry, seconds)
    except Exception:
        logger.warning("Fragment store unavailable; %s not kept", key, exc_info=True)
    return parts
