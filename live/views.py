"""The live article's page, its poll and the entries' permanent links (the feed: feeds.py)."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.selectors import related_coverage
from core.pagecache.tags import record

from . import selectors
from .models import LiveCoverage
from .pagecache import live_tag
from .seo import live_blog_posting
from .story import kept_flags, live_parts
from .templatetags.live_tags import live_entry


def live_article(request, article: Article):
    """Show a live article: its summary, pinned entry, key events and a page of entries.

    Called by the article page (articles/pages.py) for the articles with live coverage.
    """
    coverage = LiveCoverage.objects.get(pk=article.pk)
    coverage.article = article
    page = selectors.entry_page(coverage, request.GET.get("page"))
    pinned_id, key_events = kept_flags(coverage)
    pinned = selectors.entry(pinned_id) if page.number == 1 and pinned_id else None
    selectors.add_authors([*page.object_list, *([pinned] if pinned else [])])
    record(live_tag(article.pk))
    parts = live_parts(article)
    news = live_blog_posting(parts.news_article(), coverage, page.object_list)
    context = {
        "article": article,
        "parts": parts,
        "structured_data": [news, *parts.other_data()],
        "coverage": coverage,
        "page": page,
        "pinned": pinned,
        "key_events": key_events,
        **related_coverage(article, ties=parts.ranking_ties()),
        "current_section_root": article.section.path[0],
        "poll_seconds": settings.LIVE_POLL_SECONDS,
        # New entries arrive at the top of the first page (newest first) or at the bottom
        # of the last (oldest first); other pages are left as they are.
        "receives": page.number == 1 if not coverage.oldest_first else not page.has_next,
    }
    return render(request, "live/live_article.html", context)


# Reads only, as the article pages: no transaction round-trips (articles/views.py).
@transaction.non_atomic_requests
@require_safe
def updates(request, pk: int):
    """Answer a reader's poll: the newest entries, the pinned one, and when to ask again.

    Anonymous polls are answered by the page cache until an entry changes (a 304 when the
    reader already holds the answer); the ETag is the hash of the answer.
    """
    coverage = selectors.public_coverage(pk)
    if coverage is None:
        raise Http404("No such live article.")
    record(live_tag(pk))
    pinned = selectors.pinned_entry(coverage)
    newest = selectors.newest_entries(coverage)
    selectors.address([*newest, *([pinned] if pinned else [])])
    data = {
        "interval": settings.LIVE_POLL_SECONDS,
        "ended": not coverage.is_live,
        "entries": [entry_data(entry) for entry in newest],
        "pinned": entry_data(pinned, prefix="pinned-") if pinned else None,
    }
    response = JsonResponse(data)
    response["X-Poll-Interval"] = str(settings.LIVE_POLL_SECONDS)
    response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


def entry_data(entry, prefix: str = "") -> dict:
    """Return what a poll says of one entry: its id, version, flags and rendered HTML."""
    html = live_entry(entry, prefix)
    return {
        "id": entry.pk,
        "version": entry.version,
        "key_event": entry.key_event,
        "title": entry.title,
        "label": str(entry),
        "time": entry.published_at.isoformat(),
        "clock": date_format(timezone.localtime(entry.published_at), "H:i"),
        "html": html,
    }


@transaction.non_atomic_requests
@require_safe
def entry_permalink(request, pk: int):
    """Send a reader to the page that holds the entry, at the entry."""
    entry = selectors.public_entry(pk)
    if entry is None:
        raise Http404("No such entry.")
    number = selectors.page_of(entry, entry.article.live_coverage)
    query = f"?page={number}" if number > 1 else ""
    return redirect(f"{entry.article.get_absolute_url()}{query}#{entry.anchor}")
