"""Plain-text helpers shared by the models of several apps."""

import re
from html import unescape

from django.utils.text import slugify

TAG = re.compile(r"<[^>]*>")
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
# A sentence ends at ".", "!" or "?" (and any closing quote) followed by a space or the end.
SENTENCE = re.compile(r"(.+?[.!?][\"'’”)]*)(?=\s|$)", re.DOTALL)


def split_lines(text: str) -> list[str]:
    """Return the non-empty, stripped lines of a text field."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def slug_from(text: str, max_length: int) -> str:
    """Return a URL slug of `text` that keeps letters of every script, or "" if it has none.

    Chinese names are ordinary in the newsroom: "中文標籤" keeps its characters rather than
    becoming an empty slug, and the URL patterns accept such slugs (core/converters.py).
    """
    return slugify(text or "", allow_unicode=True)[:max_length].strip("-_")


def plain_text(html: str) -> str:
    """Return the readable text of an HTML fragment, tags dropped and spaces collapsed."""
    # Tags become spaces, so "<h2>Piers</h2><p>Two" does not read "PiersTwo".
    return " ".join(unescape(TAG.sub(" ", html or "")).split())


def lead_text(html: str) -> str:
    """Return the plain text of the first paragraph with words, or of the whole fragment."""
    paragraphs = (plain_text(paragraph) for paragraph in PARAGRAPH.findall(html or ""))
    return next((text for text in paragraphs if text), None) or plain_text(html)


def first_sentence(text: str) -> str:
    """Return the first sentence of a plain text, or all of it when it has no full stop."""
    match = SENTENCE.match(text.strip())
    return match.group(1) if match else text.strip()


# A steady adult reading pace for news copy, in words per minute.
READING_PACE = 230


def reading_minutes(html: str) -> int:
    """Return the whole minutes it takes to read an HTML fragment, at least one."""
    return max(1, round(len(plain_text(html).split()) / READING_PACE))
