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
from typing import TypeVar

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
# What a part's renderer returns: the parts' markup by name.
Parts = dict[str, str]
T = TypeVar("T")
# Raised when the kept parts change shape in a way their templates' digests do not show
# (a field added to articles.story.Story): the parts kept before are then never read.
PARTS_SCHEMA = 2


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


def remember_parts(
    name: str,
    shown: tuple,
    render: Callable[[], Parts],
    *,
    templates: tuple[str, ...] = (),
    build: Callable[[dict], T] = dict,
    lifetime: Callable[[], float | None] | None = None,
) -> T:
    """Return `build` of the parts `render` makes, kept while every record they show is unchanged.

    The parts are kept in the page cache's store under the versions of the tags recorded
    while they were rendered, so a change that bumps a tag (docs/operators.md, "The page
    cache") makes them stale at once, whether or not PAGE_CACHE serves whole pages. The
    tags are recorded again for the page around them. A store that fails is logged and the
    parts are rendered.

    The key holds the digests of `templates` and PARTS_SCHEMA, so a deploy that changes the
    markup or the parts' shape finds no part kept by the code before it; and a kept part
    that `build` still refuses (it raises TypeError, KeyError or ValueError) is rendered
    afresh, never a failed page.

    `lifetime`, called as the parts start rendering: the longest (seconds) they may be kept
    for a change no event announces (a scheduled story's time coming), None for no bound.
    """
    if not settings.FRAGMENT_CACHE:
        return build(render())
    key = parts_key(name, shown, templates)
    try:
        entry = store.fetch(key)
    except Exception:
        logger.warning("Fragment store unavailable; rendering %s", name, exc_info=True)
        entry = None
    if entry is not None:
        try:
            built = build(
                {part: mark_safe(html) for part, html in json.loads(entry.content).items()}
            )
        except (TypeError, KeyError, ValueError):
            logger.warning("Kept parts %s no longer fit; rendering them afresh", key)
        else:
            record(*entry.versions)
            return built
    return build(_render_and_keep(key, render, lifetime))


def parts_key(name: str, shown: tuple, templates: tuple[str, ...]) -> str:
    """Return the key of kept parts: what they show, where, and the code that renders them."""
    place = (
        translation.get_language(), timezone.get_current_timezone_name(),
        get_script_prefix(), site_root(),
    )  # fmt: skip
    code = (PARTS_SCHEMA, *(_template_digest(template) for template in templates))
    digest = hashlib.sha1(repr((shown, place, code)).encode(), usedforsecurity=False).hexdigest()
    return f"fragment:{name}:{digest}"


def _render_and_keep(key: str, render: Callable[[], Parts], lifetime=None) -> dict:
    with collecting() as shown:
        # From when the page around began, if any: tags first seen here start before that.
        started_ns = began_ns()
        started = time.time()
        bound = lifetime() if lifetime else None
        parts = render()
    record(*shown)
    try:
        versions = store.current_versions(shown, started_ns=started_ns)
        seconds = (
            settings.PAGE_CACHE_SECONDS
            if bound is None
            else min(bound, settings.PAGE_CACHE_SECONDS)
        )
        if versions is not None and seconds > 0:
            content = json.dumps(parts).encode()
            entry = store.Entry(200, (), content, versions, started + seconds)
            store.save(key, entry, math.ceil(seconds))
    except Exception:
        logger.warning("Fragment store unavailable; %s not kept", key, exc_info=True)
    return parts
