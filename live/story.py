"""A live article's own parts: rendered once, then kept while the article is unchanged.

As for an article page (articles/story.py), the parts that show only the article and its
relations (its head tags, breadcrumbs, bylines, summary, footer, people and links, and the
NewsArticle data the LiveBlogPosting grows from) are kept in the page cache's store under
the versions of what they show. An entry bumps only the live tag (`live-<id>`), never the
article's, so posting leaves them kept; the entries, pinned entry and key events are read
on every request.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils.safestring import SafeString

from articles.models import Article
from articles.pagecache import tag_of
from articles.selectors import prefetch_page_relations, story_context
from articles.services.related import Ties
from core.fragments import remember_parts
from core.pagecache.tags import record

from . import selectors
from .models import LiveCoverage
from .pagecache import live_tag

PARTS = {
    "meta": "articles/story/meta.html",
    "breadcrumbs": "live/parts/breadcrumbs.html",
    "bylines": "includes/bylines.html",
    "summary": "live/parts/summary.html",
    "footer": "live/parts/footer.html",
    "people": "articles/story/people.html",
    "headlines": "articles/story/headlines.html",
}


@dataclass(frozen=True)
class LiveParts:
    meta: SafeString
    breadcrumbs: SafeString
    bylines: SafeString
    summary: SafeString
    footer: SafeString
    people: SafeString
    headlines: SafeString
    # The article's structured data as JSON: its NewsArticle first, then the rest.
    structured_data: str
    # The ids the related ranking looks up (services.related.Ties), kept with the parts.
    ties: str

    def ranking_ties(self) -> Ties:
        found = json.loads(self.ties)
        return Ties(tuple(found["people"]), tuple(found["topics"]))

    def news_article(self) -> dict:
        return json.loads(self.structured_data)[0]

    def other_data(self) -> list[dict]:
        return json.loads(self.structured_data)[1:]


def render_parts(article: Article) -> dict[str, str]:
    record(*(tag_of(shown) for shown in [article, *article.section.path]))
    prefetch_page_relations(article)
    context = story_context(article)
    data = context["meta"]["structured_data"]
    # The head tags without the JSON-LD, which the page writes with the entries in it.
    context = {**context, "meta": {**context["meta"], "structured_data": []}}
    context["SITE_NAME"] = settings.SITE_NAME
    parts = {name: get_template(template).render(context) for name, template in PARTS.items()}
    ties = Ties.of(article)
    return {
        **parts,
        "structured_data": json.dumps(data, cls=DjangoJSONEncoder),
        "ties": json.dumps({"people": ties.people, "topics": ties.topics}),
    }


def live_parts(article: Article) -> LiveParts:
    """Return the live article's kept parts, rendered again only when the article changed."""
    identity = (article.pk, article.created_at, article.version)
    return remember_parts(
        "live",
        identity,
        lambda: render_parts(article),
        templates=tuple(PARTS.values()),
        build=lambda parts: LiveParts(**parts),
    )


@dataclass(frozen=True)
class KeyEvent:
    """A key event as the list at the top of the page shows it, with the page it is on."""

    pk: int
    label: str
    published_at: datetime
    page: int

    def __str__(self):
        return self.label


def kept_flags(coverage: LiveCoverage) -> tuple[int | None, list[KeyEvent]]:
    """Return the pinned entry's id and the key events, kept until an entry changes.

    Numbering every entry to find the key events' pages reads the whole coverage (2.5 ms at
    5,000 entries on PostgreSQL); kept under the live tag, it is read again once per change.
    """

    def render() -> dict[str, str]:
        record(live_tag(coverage.pk))
        pinned, events = selectors.flagged(coverage)
        rows = [[e.pk, str(e), e.published_at.isoformat(), e.page] for e in events]
        return {"flags": json.dumps({"pinned": pinned and pinned.pk, "key_events": rows})}

    identity = (coverage.pk, coverage.article.created_at, coverage.oldest_first)
    found = json.loads(remember_parts("live-flags", identity, render)["flags"])
    events = [
        KeyEvent(pk, label, datetime.fromisoformat(at), page)
        for pk, label, at, page in found["key_events"]
    ]
    return found["pinned"], events
