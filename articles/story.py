"""The article page's own parts: rendered once, then kept while nothing they show changes.

The parts are the page's head tags, the article (breadcrumbs to footer), its people and its
links to more on the story. They are kept by `core.fragments.remember_parts` under the
versions of every record they show (the article, its section, people, topics and linked
articles), so any change to one of those renders them again on the next request. The lists
of other articles beside them (related, next in section) are rendered on every request.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString

from core.fragments import remember_parts
from core.pagecache.tags import record

from .models import Article
from .pagecache import tag_of
from .selectors import prefetch_page_relations, story_context
from .services.related import Ties

PARTS = {
    "meta": "articles/story/meta.html",
    "article": "articles/story/article.html",
    "people": "articles/story/people.html",
    "headlines": "articles/story/headlines.html",
}


@dataclass(frozen=True)
class Story:
    """The rendered parts of an article's page, and its title."""

    title: str
    meta: SafeString
    article: SafeString
    people: SafeString
    headlines: SafeString
    # The ids the related ranking looks up (services.related.Ties), kept with the parts.
    ties: str

    def ranking_ties(self) -> Ties:
        found = json.loads(self.ties)
        return Ties(tuple(found["people"]), tuple(found["topics"]))


def render_story(context: dict) -> Story:
    """Render the parts from the article page's context (a prefetched article and its meta)."""
    return Story(**render_parts(context))


def render_parts(context: dict) -> dict[str, str]:
    context = {**context, "SITE_NAME": settings.SITE_NAME}
    parts = {name: get_template(template).render(context) for name, template in PARTS.items()}
    ties = Ties.of(context["article"])
    found = json.dumps({"people": ties.people, "topics": ties.topics})
    return {"title": context["meta"]["title"], **parts, "ties": found}


def published_story(article: Article) -> Story:
    """Return a published article's parts, rendered again only when something shown changed."""

    def render() -> dict[str, str]:
        # Loaded before the parts were: recorded here, as the parts show them too.
        record(*(tag_of(shown) for shown in [article, *article.section.path]))
        prefetch_page_relations(article)
        return render_parts(story_context(article))

    # The creation time tells apart two articles given the same id (a database restored).
    identity = (article.pk, article.created_at, article.version)
    # A kept Story of another shape (kept before a deploy) fails to build: rendered afresh.
    return remember_parts(
        "story", identity, render, templates=tuple(PARTS.values()), build=lambda p: Story(**p)
    )
