"""Markers the engines put around matched words, and turning them into safe HTML."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Control characters never appear in article text, so they cannot be forged by a writer.
START, STOP = "\x02", "\x03"
ELLIPSIS = "…"


def to_html(marked: str) -> SafeString:
    """Escape an engine's snippet, then turn its markers into <mark> elements."""
    escaped = escape(marked).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped)
