"""The page cache and live coverage: what a live response shows, and what an entry makes stale.

Every live response (the article's page, its poll, its feed, its API list) records the tag
`live-<article id>` as it renders; an entry's event bumps that tag at commit, so the next poll
of any reader, in any process, is answered afresh. The article's own tag is left alone: the
article's kept parts (its story, live/story.py) show no entry and stay kept.
"""

from articles import pagecache
from core.pagecache import store

# The live answers show no list of articles: only their own article's tag.
OWN_TAGS_ONLY = {"live:updates", "live:feed", "api:live-entry-list", "api:live-entry-detail"}


def describe(request, shown: set[str]) -> tuple[set[str], int | None]:
    """Describe a live answer by what it showed; anything else as the articles app does."""
    match = request.resolver_match
    if match is not None and match.view_name in OWN_TAGS_ONLY:
        return set(shown), None
    return pagecache.describe(request, shown)


def polled(request) -> bool:
    """Return True for the answers readers poll for: once stale, the request that finds
    them renders them (they are small), so no poll is answered with the entries before."""
    match = request.resolver_match
    return match is not None and match.view_name in OWN_TAGS_ONLY


def live_tag(article_id: int) -> str:
    """Return the tag of everything showing a live article's entries or coverage."""
    return f"live-{article_id}"


def tags_of_events(events) -> set[str]:
    return {live_tag(event.payload["article"]) for event in events}


def bump_for(events) -> None:
    """Make every response showing the live articles of these events stale."""
    store.bump(tags_of_events(events))


def purge_for(events) -> None:
    """Hand the changed tags to the CDN's purge hook."""
    store.purge(tags_of_events(events))
