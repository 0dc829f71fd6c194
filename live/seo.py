"""The schema.org LiveBlogPosting of a live article: its NewsArticle data and its entries."""

import re
from html import unescape

from django.utils.text import Truncator

from core.site import absolute_url

from .models import Entry, LiveCoverage

UPDATE_HEADLINE_CHARS = 110
TAG = re.compile(r"<[^>]*>")


def live_blog_posting(news_article: dict, coverage: LiveCoverage, entries: list[Entry]) -> dict:
    """Return the article's NewsArticle data as a LiveBlogPosting with `entries` as updates."""
    data = {**news_article, "@type": "LiveBlogPosting"}
    data["coverageStartTime"] = coverage.started_at.isoformat()
    if coverage.ended_at:
        data["coverageEndTime"] = coverage.ended_at.isoformat()
    data["liveBlogUpdate"] = [blog_posting(entry, data["publisher"]) for entry in entries]
    return data


def plain_text(html: str) -> str:
    """Return the words of a sanitised body (nh3 leaves only well-formed, allowed tags)."""
    return " ".join(unescape(TAG.sub(" ", html)).split())


def blog_posting(entry: Entry, publisher: dict) -> dict:
    """Return one entry as a schema.org BlogPosting."""
    text = plain_text(entry.body)
    headline = entry.title or Truncator(text).chars(UPDATE_HEADLINE_CHARS)
    modified = entry.edited_at or entry.published_at
    people = [
        {"@type": "Person", "name": row.person.full_name, "url": absolute_url(row.person_url)}
        for row in entry.entry_authors.all()
    ]
    return {
        "@type": "BlogPosting",
        "headline": headline,
        "url": absolute_url(entry.permalink),
        "datePublished": entry.published_at.isoformat(),
        "dateModified": max(modified, entry.published_at).isoformat(),
        "articleBody": text,
        "author": people or [{k: v for k, v in publisher.items() if k != "logo"}],
    }
