"""A live article's own parts: rendered once, then kept while the article is unchanged.

As for an article page (articles/story.py), the parts that show only the article and its
relations (its head tags, breadcrumbs, bylines, summary and footer, and the NewsArticle data
the LiveBlogPosting grows from) are kept in the page cache's store under the versions of what
they show. An entry bumps only the live tag (`live-<id>`), never the article's, so posting
leaves them kept; the entries, pinned entry and key events are read on every request.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils.safestring import SafeString

from articles.models import Article
from articles.pagecache import tag_of
from articles.selectors import prefetch_page_relations, story_context
from core.fragments import remember_parts
from core.pagecache.tags import record

PARTS = {
    "meta": "articles/story/meta.html",
    "breadcrumbs": "live/parts/breadcrumbs.html",
    "bylines": "includes/bylines.html",
    "summary": "live/parts/summary.html",
    "footer": "live/parts/footer.html",
}


@dataclass(frozen=True)
class LiveParts:
    meta: SafeString
    breadcrumbs: SafeString
    bylines: SafeString
    summary: SafeString
    footer: SafeString
    # The article's structured data as JSON: its NewsArticle first, then the rest.
    structured_data: str

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
    return {**parts, "structured_data": json.dumps(data, cls=DjangoJSONEncoder)}


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
