"""What each cached page shows, and which cached pages each change makes stale.

Tags name what a response shows: `article-12`, `section-3`, `topic-5`, `person-7`, `image-4`
for the records it displays (noted as they are loaded), and `list-…` for the lists it
displays, whose membership may change without any displayed record changing: `list-all`
(home, archive, latest feeds, sitemaps, search, the API's article list), `list-section-3`,
`list-topic-5`, `list-person-7`, and `list-sections`, `list-topics`, `list-people` for the
API's lists of them.
A change bumps, at commit, the tags of what it alters (docs/operators.md, "The page cache").
"""

import math
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from core.pagecache import store
from core.pagecache.tags import record
from images.models import Image
from people.models import Affiliation, Person

from .models import Article, Byline, Correction, Mention, Section, Tag, TaggedArticle

ALL_LISTS = "list-all"
# Every page showing the site's navigation (the top-level sections holding an article).
NAVIGATION = "navigation"
ANY_ARTICLE = "any-article"
# A response showing more articles than this (a sitemap) is tagged `any-article` instead.
MAX_ARTICLE_TAGS = 100
LIST_OF_EVERYTHING = {
    "articles:home", "articles:archive", "articles:archive-index", "articles:feed-latest",
    "articles:feed-latest-atom", "articles:sitemap", "articles:sitemap-part",
    "articles:news-sitemap", "search:search", "api:article-list",
}  # fmt: skip
LIST_BY_SLUG = {
    "articles:section": (Section, "section"),
    "articles:feed-section": (Section, "section"),
    "articles:feed-section-atom": (Section, "section"),
    "articles:tag": (Tag, "topic"),
    "articles:feed-tag": (Tag, "topic"),
    "articles:feed-tag-atom": (Tag, "topic"),
    "people:detail": (Person, "person"),
    "articles:feed-person": (Person, "person"),
    "articles:feed-person-atom": (Person, "person"),
}
ARTICLE_VIEWS = {"articles:detail", "api:article-detail", "api:article-ninjs"}
LISTS_OF_KINDS = {
    "api:section-list": "list-sections",
    "api:tag-list": "list-topics",
    "api:person-list": "list-people",
}
# Responses that show no list of articles at all.
NO_LISTS = {"api:api-root", "api:section-detail", "api:tag-detail", "api:person-detail"}
KIND_OF = {
    Article: "article", Section: "section", Tag: "topic", Person: "person", Image: "image",
}  # fmt: skip


# --- What a response shows --------------------------------------------------------------


def tag_of(instance) -> str:
    """Return the tag naming one article, section, topic or person."""
    return f"{KIND_OF[type(instance)]}-{instance.pk}"


def note_loaded(sender, instance, **kwargs):
    """Record that the response being rendered shows this record; remember an article's state."""
    if instance.pk is not None:
        record(tag_of(instance))
    if sender is Article or sender is Section:
        _remember_state(instance)


def _remember_state(instance) -> None:
    """Keep what an article or section was when loaded, to know which lists it leaves."""
    values = instance.__dict__
    instance._pagecache_before = {
        "public": values.get("status") == Article.Status.PUBLISHED,
        "section_id": values.get("section_id"),
        "parent_id": values.get("parent_id"),
    }


def describe(request, shown: set[str]) -> tuple[set[str], int | None]:
    """Return the tags of a response and the longest it may be kept (until the next publish)."""
    tags = set(shown) | lists_shown(request.resolver_match)
    articles = {tag for tag in tags if tag.startswith("article-")}
    if len(articles) > MAX_ARTICLE_TAGS:
        tags = (tags - articles) | {ANY_ARTICLE}
    return tags, seconds_until_next_publish()


def lists_shown(match) -> set[str]:
    """Return the list tags of the view that answered, from its URL name and arguments."""
    name = match.view_name if match else ""
    if name in LIST_OF_EVERYTHING:
        return {ALL_LISTS}
    if name in LIST_BY_SLUG:
        model, kind = LIST_BY_SLUG[name]
        pk = model.objects.filter(slug=match.kwargs["slug"]).values_list("pk", flat=True).first()
        return {f"list-{kind}-{pk}"}
    if name in ARTICLE_VIEWS:
        return article_lists([int(match.kwargs["pk"])])
    if name in LISTS_OF_KINDS:
        return {LISTS_OF_KINDS[name]}
    if name in NO_LISTS:
        return set()
    # A page not described here is assumed to show some list of articles.
    return {ALL_LISTS}


def article_lists(article_ids: list[int]) -> set[str]:
    """Return the lists the articles belong to: their sections', topics' and people's."""
    tags = {
        f"list-topic-{pk}"
        for pk in TaggedArticle.objects.filter(content_object__in=article_ids).values_list(
            "tag_id", flat=True
        )
    }
    for relation in (Byline, Mention):
        people = relation.objects.filter(article__in=article_ids).values_list(
            "person_id", flat=True
        )
        tags |= {f"list-person-{pk}" for pk in people}
    sections = Article.objects.filter(pk__in=article_ids).values_list("section_id", flat=True)
    return tags | section_lists(set(sections))


def section_lists(section_ids: set[int]) -> set[str]:
    """Return the list tags of the sections and of the sections above them."""
    rows = Section.objects.filter(pk__in=section_ids).values_list(
        "pk", "parent_id", "parent__parent_id"
    )
    found = {pk for row in rows for pk in row if pk is not None} | section_ids
    return {f"list-section-{pk}" for pk in found}


def seconds_until_next_publish() -> int | None:
    """Return the seconds until the next scheduled article goes public, None if none is due."""
    now = timezone.now()
    due = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if due is None else math.ceil((due - now).total_seconds())


# --- Which responses a change makes stale -----------------------------------------------


@dataclass
class Pending:
    """The tags to bump when the current transaction commits."""

    names: set[str] = field(default_factory=set)
    article_ids: set[int] = field(default_factory=set)
    section_ids: set[int] = field(default_factory=set)
    # Sections an article joined or left the public in: the navigation may change.
    moved_in: set[int] = field(default_factory=set)

    def resolve(self) -> set[str]:
        """Return every tag to bump, the articles' and sections' lists included."""
        tags = set(self.names)
        if self.article_ids:
            tags |= article_lists(sorted(self.article_ids))
        if self.section_ids:
            tags |= section_lists(self.section_ids)
        if self.moved_in and navigation_may_change(self.moved_in):
            tags.add(NAVIGATION)
        return tags


def navigation_may_change(section_ids: set[int]) -> bool:
    """Return True if a top-level section above these now holds at most one public article.

    The navigation lists the top-level sections holding a public article: it changes only
    when one gains its first or loses its last, so other publications leave pages alone.
    """
    rows = Section.objects.filter(pk__in=section_ids).values_list(
        "pk", "parent_id", "parent__parent_id"
    )
    roots = {next(pk for pk in reversed(row) if pk is not None) for row in rows}
    public = Article.objects.published()
    return any(
        public.filter(
            Q(section_id=root) | Q(section__parent_id=root) | Q(section__parent__parent_id=root)
        )[:2].count()
        <= 1
        for root in roots
    )


# Per connection: the changes queued since its last commit.
_pending: WeakKeyDictionary[BaseDatabaseWrapper, Pending] = WeakKeyDictionary()


def _queue(using: str, *, tags=(), article_ids=(), section_ids=(), moved_in=()) -> None:
    """Queue tags to bump at commit (at once outside a transaction)."""
    pending = _pending.setdefault(connections[using], Pending())
    pending.names.update(tags)
    pending.article_ids.update(article_ids)
    pending.section_ids.update(i for i in section_ids if i is not None)
    pending.moved_in.update(i for i in moved_in if i is not None)
    # One callback per change; the first to run bumps everything queued, the rest find
    # nothing. What a rolled-back savepoint queued is bumped too: needlessly, never wrongly.
    transaction.on_commit(lambda: _bump_pending(using), using=using, robust=True)


def _bump_pending(using: str) -> None:
    pending = _pending.pop(connections[using], None)
    if pending is not None:
        store.bump(pending.resolve())


def article_changed(sender, instance, using, **kwargs):
    """Bump the article; if it was or is public, every list it left or joins too."""
    before = getattr(instance, "_pagecache_before", {})
    public = instance.status == Article.Status.PUBLISHED
    tags = {f"article-{instance.pk}"}
    if not (public or before.get("public")):
        _queue(using, tags=tags)
    else:
        deleted = kwargs.get("signal") is post_delete
        tags |= {ALL_LISTS, ANY_ARTICLE}
        sections = {instance.section_id, before.get("section_id")}
        moved = deleted or public != before.get("public") or len(sections) > 1
        _queue(
            using,
            tags=tags,
            article_ids=() if deleted else [instance.pk],
            section_ids=sections,
            moved_in=sections if moved else (),
        )
    _remember_state(instance)


def correction_changed(sender, instance, using, **kwargs):
    """Bump the corrected article."""
    _queue(using, tags={f"article-{instance.article_id}", ANY_ARTICLE})


def relation_changed(sender, instance, using, **kwargs):
    """Bump the article and the list of the topic or person it joins or leaves."""
    if sender is TaggedArticle:
        tags = {f"article-{instance.content_object_id}", f"list-topic-{instance.tag_id}"}
    else:
        tags = {f"article-{instance.article_id}", f"list-person-{instance.person_id}"}
    _queue(using, tags=tags)


def section_changed(sender, instance, using, **kwargs):
    """Bump the section, every list it heads and the navigation that names it."""
    before = getattr(instance, "_pagecache_before", {})
    tags = {f"section-{instance.pk}", "list-sections", ALL_LISTS}
    _queue(using, tags=tags, section_ids={instance.pk, instance.parent_id, before.get("parent_id")})
    _remember_state(instance)


def tag_changed(sender, instance, using, **kwargs):
    """Bump the topic, its list and the list of topics."""
    _queue(using, tags={f"topic-{instance.pk}", f"list-topic-{instance.pk}", "list-topics"})


def person_changed(sender, instance, using, **kwargs):
    """Bump the person, their lists and the list of people."""
    _queue(using, tags={f"person-{instance.pk}", f"list-person-{instance.pk}", "list-people"})


def image_changed(sender, instance, using, **kwargs):
    """Bump every response showing the library picture: its caption, credit, text or crop."""
    _queue(using, tags={f"image-{instance.pk}"})


def affiliation_changed(sender, instance, using, **kwargs):
    """Bump the person whose affiliations changed."""
    _queue(using, tags={f"person-{instance.person_id}"})


RECEIVERS = {
    Article: article_changed,
    Correction: correction_changed,
    Byline: relation_changed,
    Mention: relation_changed,
    TaggedArticle: relation_changed,
    Section: section_changed,
    Tag: tag_changed,
    Person: person_changed,
    Affiliation: affiliation_changed,
    Image: image_changed,
}


def connect_signals() -> None:
    """Connect the receivers; called once from the articles app's ready()."""
    for model in KIND_OF:
        post_init.connect(note_loaded, sender=model, dispatch_uid=f"pagecache-{model.__name__}")
    for model, receiver in RECEIVERS.items():
        uid = f"pagecache-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-deleted")
