"""Rendered fragments kept in each process's memory, keyed by everything they show.

A fragment's key is a hash of its template's source and of the values the template reads, so
it needs no invalidation: a change to any of them is a new key, and the old one ages out of
the bounded cache. The values are read anyway to decide what a page lists; what is saved is
rendering the same card again on every request.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe


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
    store = caches[settings.FRAGMENT_CACHE_ALIAS]
    html = store.get(key)
    if html is None:
        html = get_template(template_name).render(context)
        store.set(key, html)
    return mark_safe(html)
