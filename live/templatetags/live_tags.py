"""Render a live entry once per process for each content it has (core/fragments.py)."""

from django import template
from django.utils.safestring import SafeString

from core.fragments import render_fragment

register = template.Library()
ENTRY_TEMPLATE = "live/entry.html"


@register.simple_tag
def live_entry(entry, prefix: str = "") -> SafeString:
    """Return the entry's markup, rendered again only when something it shows changed."""
    return render_fragment(
        ENTRY_TEMPLATE, {"entry": entry, "prefix": prefix}, shown_by(entry, prefix)
    )


def shown_by(entry, prefix: str) -> tuple:
    """Return every value the entry's template reads (its authors' prefetched rows included)."""
    authors = tuple((row.person.full_name, row.person_url) for row in entry.entry_authors.all())
    return (
        entry.pk, entry.version, entry.title, entry.body, entry.key_event,
        entry.published_at.isoformat(), entry.edited_at and entry.edited_at.isoformat(),
        entry.permalink, authors, prefix,
    )  # fmt: skip
