"""Plain-text helpers shared by the models of several apps."""

from django.utils.text import slugify


def split_lines(text: str) -> list[str]:
    """Return the non-empty, stripped lines of a text field."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def slug_from(text: str, max_length: int) -> str:
    """Return a URL slug of `text` that keeps letters of every script, or "" if it has none.

    Chinese names are ordinary in the newsroom: "中文標籤" keeps its characters rather than
    becoming an empty slug, and the URL patterns accept such slugs (core/converters.py).
    """
    return slugify(text or "", allow_unicode=True)[:max_length].strip("-_")
