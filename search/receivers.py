"""Search's effect of events: re-index every article whose indexed text may have changed."""

from django.db.models import Q

from articles.models import Article, TaggedArticle

from .indexing import index_articles

KINDS = (
    "article.published", "article.scheduled", "article.went_live", "article.updated",
    "article.unpublished", "article.deleted", "article.restored",
    "topic.changed", "person.changed",
)  # fmt: skip


def articles_of(event) -> set[int]:
    """Return the articles whose indexed text the event may have changed."""
    payload = event.payload
    if "article" in payload:
        return {payload["article"]}
    if "person" in payload:
        involving = Q(bylines__person=payload["person"]) | Q(mentions__person=payload["person"])
        return set(Article.objects.filter(involving).values_list("pk", flat=True))
    tagged = TaggedArticle.objects.filter(tag=payload["topic"])
    return set(tagged.values_list("content_object_id", flat=True))


def index_for(events) -> None:
    """Index each article of the events once (dropping those that are gone)."""
    index_articles({pk for event in events for pk in articles_of(event)})
