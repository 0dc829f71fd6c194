"""What each cached page shows, and which cached pages each change makes stale.

Tags name what a response shows: `article-12`, `section-3`, `topic-5`, `person-7`, `image-4`
for the records it displays (noted as they are loaded), and `list-…` for the lists it
displays, whose membership may change without any displayed record changing: `list-all`
(home, archive, latest feeds, sitemaps, search, the API's article list), `list-section-3`,
`list-topic-5`, `list-person-7`, and `list-sections`, `list-topics`, `list-people` for the
API's lists of them.
Each event bumps the tags of what it alters (`bump_for`, an effect run by the events
dispatcher: docs/architecture.md, "Events"; docs/operators.md, "The page cache").
"""

from django.conf import settings
from django.db.models.signals import post_init

from core.pagecache import store
from core.pagecache.tags import record
from images.models import Image
from people.models import Person

from .card_fields import card_fields
from .models import Article, Byline, Mention, Section, Tag, TaggedArticle
from .models.articles import CARD_FIELDS

ALL_LISTS = "list-all"
# Search results: which articles a query finds depends on every word of them.
SEARCH = "list-search"
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
SEARCHES = {"search:search", "api:article-search"}
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


def card_tag(article_id: int) -> str:
    """Return the tag of an article's card: what lists of it show (card_fields())."""
    return f"card-{article_id}"


def note_loaded(sender, instance, **kwargs):
    """Record that the response being rendered shows this record (an article as a card only,
    if it was loaded with a card's columns alone: `Article.objects.card_rows()`)."""
    if instance.pk is None:
        return
    if sender is Article and loaded_as_card(instance):
        record(card_tag(instance.pk))
    else:
        record(tag_of(instance))


# The article columns a card loads (articles/models/articles.py, CARD_FIELDS).
CARD_COLUMNS = frozenset(
    Article._meta.get_field(name).attname for name in CARD_FIELDS if "__" not in name
)
ARTICLE_COLUMNS = frozenset(field.attname for field in Article._meta.concrete_fields)


def loaded_as_card(article: Article) -> bool:
    """Return True if the article holds no column beyond a card's: it can show no more."""
    return ARTICLE_COLUMNS.intersection(article.__dict__) <= CARD_COLUMNS


def describe(request, shown: set[str]) -> tuple[set[str], int | None]:
    """Return the tags of a response and the longest it may be kept (None: PAGE_CACHE_SECONDS).

    A scheduled story going live is an event like any publish (articles/golive.py): no
    response is kept for less on its account.
    """
    tags = set(shown) | lists_of(request)
    articles = {tag for tag in tags if tag.startswith("article-")}
    if len(articles) > MAX_ARTICLE_TAGS:
        tags = (tags - articles) | {ANY_ARTICLE}
    return tags, None


def lists_of(request) -> set[str]:
    """Return the list tags of the view that answered `request`, worked out once per request
    (its kept lists and the page around them both need them)."""
    if not hasattr(request, "_lists_shown"):
        request._lists_shown = lists_shown(request.resolver_match)
    return request._lists_shown


def lists_shown(match) -> set[str]:
    """Return the list tags of the view that answered, from its URL name and arguments."""
    name = match.view_name if match else ""
    if name in SEARCHES:
        return {ALL_LISTS, SEARCH}
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


# --- Which responses an event makes stale ----------------------------------------------


def tags_of_event(event) -> set[str]:
    """Return the tags an event makes stale (read on the primary, by the dispatcher)."""
    payload = event.payload
    kind = event.kind
    if kind.startswith("article."):
        return article_tags(kind, payload)
    return OTHER_TAGS[kind](payload)


# An edit to anything else leaves the article where it stands in every list.
PLACE_IN_LISTS = frozenset({"status", "published_at", "section", "bylines", "mentions"})


def article_tags(kind: str, payload: dict) -> set[str]:
    """Return the tags of an article event: the article, its card if a card's field changed,
    and, if it is or was listed and may have joined, left or moved in a list, its lists."""
    pk = payload["article"]
    changed = payload.get("changed")  # None: not known, so anything may have changed
    tags = {f"article-{pk}"}
    if changed is None or card_fields().intersection(changed):
        tags.add(card_tag(pk))
    tags |= {f"list-topic-{pk}" for pk in payload.get("topics", ())}
    tags |= {f"list-person-{pk}" for pk in payload.get("people", ())}
    if kind == "article.corrected":
        return tags | {ANY_ARTICLE}
    if not (payload.get("listed") or payload.get("was_listed") or kind == "article.went_live"):
        return tags
    tags |= {ANY_ARTICLE, SEARCH}
    if kind == "article.updated" and changed is not None and not PLACE_IN_LISTS & set(changed):
        # Its cards (above) and its own pages are stale; no list gains, loses or reorders.
        return tags
    sections = set(payload.get("sections", ()))
    tags |= {ALL_LISTS, ANY_ARTICLE} | section_lists(sections)
    tags |= article_lists([payload["article"]])
    moved = kind != "article.updated" or len(sections) > 1
    if moved and navigation_may_change(sections):
        tags.add(NAVIGATION)
    return tags


def section_tags(payload: dict) -> set[str]:
    """Return the tags of a changed section: itself, its lists, the lists above it."""
    tags = {f"section-{payload['section']}", "list-sections", ALL_LISTS}
    return tags | section_lists(set(payload["sections"]))


OTHER_TAGS = {
    "section.changed": section_tags,
    "topic.changed": lambda p: {f"topic-{p['topic']}", f"list-topic-{p['topic']}", "list-topics"},
    "person.changed": lambda p: {
        f"person-{p['person']}",
        f"list-person-{p['person']}",
        "list-people",
    },
    "picture.changed": lambda p: {f"image-{p['picture']}"},
}


def navigation_may_change(section_ids: set[int]) -> bool:
    """Return True if a top-level section above these now holds at most one public article.

    The navigation lists the top-level sections holding a public article: it changes only
    when one gains its first or loses its last, so other publications leave pages alone.
    The sections under each root are read from the small sections table first: an OR across
    the articles' joins to their section's parents scanned every article (40 ms at 25,000).
    """
    tree = dict(Section.objects.values_list("pk", "parent_id"))
    roots = {_root(pk, tree) for pk in section_ids if pk in tree}
    public = Article.objects.published()
    return any(
        len(public.filter(section_id__in=_under(root, tree)).values("pk")[:2]) <= 1
        for root in roots
    )


def _root(pk: int, tree: dict[int, int | None]) -> int:
    while tree.get(pk) is not None:
        pk = tree[pk]
    return pk


def _under(root: int, tree: dict[int, int | None]) -> list[int]:
    """Return the root and every section below it."""
    return [pk for pk in tree if _root(pk, tree) == root]


def tags_of_events(events) -> set[str]:
    """Return every tag a batch of events makes stale."""
    return {tag for event in events for tag in tags_of_event(event)}


def bump_for(events) -> None:
    """The page cache's effect: make every response showing what changed stale."""
    store.bump(tags_of_events(events), withdrawn=any(map(withdraws, events)))


def withdraws(event) -> bool:
    """Return True if the event took an article off the public (its copies may not linger)."""
    payload = event.payload
    if not (event.kind.startswith("article.") and payload.get("was_listed")):
        return False
    # A deleted article's payload says where it stood when it went: listed, maybe.
    if event.kind == "article.deleted" or not payload.get("listed"):
        return True
    # Its publish time moved, maybe later (off the public until then); or what changed is
    # not known.
    changed = payload.get("changed")
    return event.kind == "article.updated" and (changed is None or "published_at" in changed)


def purging() -> bool:
    """Return True if a CDN purge hook is configured (PAGE_CACHE_PURGE)."""
    return bool(settings.PAGE_CACHE_PURGE)


def purge_for(events) -> None:
    """The CDN's effect: hand the changed tags to PAGE_CACHE_PURGE's hook."""
    store.purge(tags_of_events(events))


def connect_signals() -> None:
    """Note the records each response shows; called once from the articles app's ready()."""
    for model in KIND_OF:
        post_init.connect(note_loaded, sender=model, dispatch_uid=f"pagecache-{model.__name__}")
