"""The one write path for an article's fields and relations.

The admin, the API, the importer and the demo seed all write an article through
`write_article()`: it checks the version the writer started from, writes the fields and
replaces the relations it is given in bulk inside one transaction, records one revision
and the workflow events it is handed, and lets search index the article once. No other
module creates, changes or deletes bylines, mentions, taggings, figures or related
coverage (tests/architecture/test_write_path.py holds every module to that).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import reduce
from operator import or_

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import Exists, F, Model, OuterRef, Prefetch, Q, prefetch_related_objects
from django.db.models.fields.files import FieldFile

from articles.changes import article_kind, record_article, writing_article
from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    Tag,
    TaggedArticle,
)
from articles.models.tags import tag_slug
from articles.prefetching import set_prefetched

from .concurrency import claim_version
from .events import record_event
from .revisions import recording


@dataclass(frozen=True)
class TagName:
    """A tag asked for by name: the existing tag of that name (any case), else a new one."""

    name: str
    kind: str = Tag.Kind.TOPIC


@dataclass(frozen=True)
class ArticleRelations:
    """The relations to write: a list replaces that relation, None leaves it as it is.

    Rows are unsaved instances of the relation models, in order and with their positions;
    the write path sets their article. A row that carries the id of one of the article's
    current rows keeps that id (the body names its figures by id).
    """

    bylines: Sequence[Byline] | None = None
    mentions: Sequence[Mention] | None = None
    tags: Sequence[Tag | TagName] | None = None
    images: Sequence[ArticleImage] | None = None
    related_articles: Sequence[RelatedArticle] | None = None
    related_headlines: Sequence[RelatedHeadline] | None = None


@dataclass(frozen=True)
class Event:
    """A workflow event to record with the write, from the article's status before it."""

    action: str
    note: str = ""


@dataclass(frozen=True)
class _Relation:
    model: type[Model]
    article_field: str  # the relation model's foreign key to the article
    accessor: str  # the article's reverse accessor, which the revision follows
    # The list an article joins by a row ("people", "topics"), and the row's key to it.
    joins: tuple[str, str] | None = None


RELATIONS = {
    "bylines": _Relation(Byline, "article", "bylines", ("people", "person_id")),
    "mentions": _Relation(Mention, "article", "mentions", ("people", "person_id")),
    "tags": _Relation(TaggedArticle, "content_object", "tagged_items", ("topics", "tag_id")),
    "images": _Relation(ArticleImage, "article", "images"),
    "related_articles": _Relation(RelatedArticle, "from_article", "related_links"),
    "related_headlines": _Relation(RelatedHeadline, "article", "related_headlines"),
}
# The most rows of each relation one article may carry: far above any real story, and low
# enough that one write never holds the database for long (thousands of tags once held
# SQLite's write lock for over a minute). Input doors read these to refuse more with a 400.
RELATION_LIMITS = {
    "bylines": 20,
    "mentions": 200,
    "tags": 50,
    "images": 100,
    "related_articles": 30,
    "related_headlines": 30,
}
# Read back when the database cannot return the ids of rows inserted in bulk.
READ_BACK = {
    "bylines": Prefetch("bylines", queryset=Byline.objects.select_related("person")),
    "mentions": Prefetch("mentions", queryset=Mention.objects.select_related("person")),
    "tags": Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
    "images": "images",
    "related_articles": Prefetch(
        "related_links", queryset=RelatedArticle.objects.select_related("to_article")
    ),
    "related_headlines": "related_headlines",
}


def write_article(
    *,
    article: Article | None = None,
    fields: dict,
    relations: ArticleRelations | None = None,
    user,
    comment: str,
    expected_version: int | None = None,
    events: Sequence[Event] = (),
    derived_fields: Callable[[Article], dict] | None = None,
) -> Article:
    """Write an article's fields and relations as one revision by `user`; return it.

    `article` None (or unsaved) creates one. An existing article is written only if it is
    still at `expected_version` (default: the version it was loaded with); otherwise
    StaleArticleError is raised and nothing is written. `derived_fields` returns fields
    that depend on the rows just written (the importer's body names its figures by id).
    """
    article = article if article is not None else Article()
    creating = article.pk is None
    check_relation_limits(relations or ArticleRelations())
    # The whole write is one event, recorded in its transaction (articles/changes.py).
    with recording(user, comment), writing_article():
        before = article.status
        was_listed = not creating and article._loaded_as["listed"]
        stored = None if creating else stored_fields(article)
        # The article goes into the revision once, below, when all its relations exist.
        with reversion.create_revision(manage_manually=True, atomic=False):
            if creating:
                _set_fields(article, fields)
                article.save()
            else:
                expected = article.version if expected_version is None else expected_version
                claim_version(article=article, expected=expected)
            lists, relations_changed = _replace_relations(
                article, relations or ArticleRelations(), creating=creating, user=user
            )
        _set_fields(article, {**fields, **(derived_fields(article) if derived_fields else {})})
        article.save()
        reversion.add_to_revision(article)
        article._loaded_as = {**article._loaded_as, "listed": was_listed}
        changed = None if stored is None else changed_fields(article, stored) | relations_changed
        record_article(article_kind(article, was_listed), article, changed=changed, **lists)
        for event in events:
            record_event(
                article=article, user=user, action=event.action, from_status=before, note=event.note
            )
    return article


def check_relation_limits(relations: ArticleRelations) -> None:
    """Refuse relations longer than RELATION_LIMITS allows, before anything is written."""
    for name, limit in RELATION_LIMITS.items():
        rows = getattr(relations, name)
        if rows is not None and len(rows) > limit:
            raise ValidationError(
                f"An article carries at most {limit} {name.replace('_', ' ')}; "
                f"{len(rows)} were given.",
                code="too_many",
            )


def _set_fields(article: Article, values: dict) -> None:
    for name, value in values.items():
        article._meta.get_field(name)  # an unknown name is a mistake: FieldDoesNotExist
        setattr(article, name, value)


def stored_fields(article: Article) -> dict:
    """Return the article's fields as stored, to tell which ones a write changes."""
    return Article.objects.filter(pk=article.pk).values(*_attnames()).get()


def changed_fields(article: Article, stored: dict) -> set[str]:
    """Return the names of the article's fields that differ from their `stored` values."""
    fields = article._meta.concrete_fields
    return {f.name for f in fields if getattr(article, f.attname) != stored[f.attname]}


def _attnames() -> list[str]:
    return [field.attname for field in Article._meta.concrete_fields]


def _replace_relations(
    article: Article, relations: ArticleRelations, *, creating: bool, user
) -> tuple[dict[str, list[int]], set[str]]:
    """Replace each relation given with its rows, in bulk, and hand them to the article.

    Return the people and topics whose lists the article left or joined, and the accessors
    of the relations whose rows changed.
    """
    given = {f.name: getattr(relations, f.name) for f in dataclass_fields(relations)}
    given = {name: rows for name, rows in given.items() if rows is not None}
    if "tags" in given:
        tags = tags_for(given["tags"], user=user)
        given["tags"] = [TaggedArticle(tag=tag) for tag in tags]
    lists: dict[str, list[int]] = {"people": [], "topics": []}
    changed = set()
    for name, rows in given.items():
        relation = RELATIONS[name]
        left, before = _replace(article, relation, list(rows), creating=creating)
        if before != _row_values(relation, rows):
            changed.add(relation.accessor)
        if relation.joins:
            joined = [getattr(row, relation.joins[1]) for row in rows]
            lists[relation.joins[0]] += left + joined
    if connections[article._state.db].features.can_return_rows_from_bulk_insert:
        for name, rows in given.items():
            # The revision follows the relations with .all(): it finds the rows in memory.
            set_prefetched(article, RELATIONS[name].accessor, rows)
    else:
        prefetch_related_objects([article], *(READ_BACK[name] for name in given))
    return lists, changed


def _compared_fields(relation: _Relation) -> list:
    """Return a relation row's fields that say what it shows (not its id or its article)."""
    return [
        field
        for field in relation.model._meta.concrete_fields
        if not field.primary_key and field.name != relation.article_field
    ]


def _row_values(relation: _Relation, rows) -> list[tuple]:
    """Return rows about to be written as what they show, comparable with _rows_as_values."""
    fields = _compared_fields(relation)
    values = (tuple(_as_stored(getattr(row, f.attname)) for f in fields) for row in rows)
    return sorted(values, key=repr)


def _as_stored(value):
    """Return a field's value as the database hands it back (a file by its name)."""
    return value.name if isinstance(value, FieldFile) else value


def _replace(
    article: Article, relation: _Relation, rows: list, *, creating: bool
) -> tuple[list[int], list[tuple]]:
    """Replace the relation's rows; return the keys of the lists its old rows joined, and
    what the old rows showed (as _row_values gives it)."""
    current = relation.model._default_manager.filter(**{relation.article_field: article})
    keep, left, shown = set(), [], []
    if not creating:
        key = relation.joins[1] if relation.joins else "pk"
        compared = [field.attname for field in _compared_fields(relation)]
        old = list(current.order_by().values_list("pk", key, *compared))
        keep, left = {row[0] for row in old}, [row[1] for row in old]
        shown = sorted((row[2:] for row in old), key=repr)
        current.delete()
    for row in rows:
        setattr(row, relation.article_field, article)
        if row.pk not in keep:
            row.pk = None
    relation.model._default_manager.bulk_create(rows)
    return (left if relation.joins else []), shown


def tags_for(wanted: Sequence[Tag | TagName], *, user) -> list[Tag]:
    """Return the tags asked for, creating those named that do not exist yet.

    The one place where a tag is made by naming it (the API's article input does so). Only
    a role that may add tags creates them; a contributor picks existing ones.
    """
    named = [tag for tag in wanted if isinstance(tag, TagName)]
    found = _existing_tags([tag.name.strip() for tag in named]) if named else []
    missing = [tag.name.strip() for tag in named if _match(tag, found) is None]
    # A script or command (no user) is trusted as the command line is.
    if missing and user is not None and not user.has_perm("articles.add_tag"):
        raise PermissionDenied(
            "Only an editor can create tags; pick existing ones instead of "
            + ", ".join(f"“{name}”" for name in missing)
            + "."
        )
    return [tag if isinstance(tag, Tag) else _tag_named(tag, found) for tag in wanted]


def _existing_tags(names: list[str]) -> list[Tag]:
    return list(Tag.objects.filter(reduce(or_, (Q(name__iexact=name) for name in names))))


def _match(wanted: TagName, found: list[Tag]) -> Tag | None:
    name = wanted.name.strip().lower()
    return next((tag for tag in found if tag.name.lower() == name), None)


def _tag_named(wanted: TagName, found: list[Tag]) -> Tag:
    existing = _match(wanted, found)
    if existing is not None:
        return existing
    name = wanted.name.strip()
    if not tag_slug(name):
        raise ValidationError(f"The tag name “{name}” has no letter or digit.", code="no_slug")
    return Tag.objects.create(name=name, kind=wanted.kind)


def move_taggings(*, duplicate: Tag, target: Tag) -> int:
    """Move the articles tagged `duplicate` onto `target`; return how many moved.

    An article carrying both keeps one tagging. Merging tags is upkeep of the vocabulary,
    not an edit of the articles, so, as before, it records no revision.
    """
    already_tagged = TaggedArticle.objects.filter(tag=target).values("content_object")
    taggings = TaggedArticle.objects.filter(tag=duplicate)
    taggings.filter(content_object__in=already_tagged).delete()
    return taggings.update(tag=target)


def move_person_rows(*, duplicate, target) -> set[int]:
    """Move `duplicate`'s bylines and mentions onto person `target`; return the articles touched.

    A byline `target` already has in the same role is dropped; where both are mentioned one
    mention stays, the counts added. Like merging tags, this is upkeep of the people, not an
    edit of the articles: no revision is recorded.
    """
    bylines = Byline.objects.filter(person=duplicate)
    mentions = Mention.objects.filter(person=duplicate)
    touched = {*bylines.values_list("article_id", flat=True)}
    touched |= {*mentions.values_list("article_id", flat=True)}
    same = Byline.objects.filter(person=target, article=OuterRef("article"), role=OuterRef("role"))
    bylines.filter(Exists(same)).delete()
    bylines.update(person=target)
    kept = Mention.objects.filter(person=target, article=OuterRef("article"))
    for twin in mentions.filter(Exists(kept)):
        both = Mention.objects.filter(person=target, article_id=twin.article_id)
        both.update(count=F("count") + twin.count)
        twin.delete()
    mentions.update(person=target)
    return touched
