"""Revisions of articles (django-reversion): record, compare and restore.

Every door that saves an article (admin, API, import, seed) goes through
`services.writing.write_article()`, and the workflow through `save_with_revision()`; both
wrap their writes in `recording(user, comment)`, so each save becomes one revision holding
the article and its relations, with who and when. Only django-reversion's public API is
used: `Version.field_dict`, and Django's serializers on `Version.serialized_data`.
"""

import difflib
import re
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.utils import timezone
from reversion.models import Revision, Version

from articles.changes import record_article, writing_article
from articles.models import (
    Article,
    ArticleImage,
    ArticleVersionNumber,
    Byline,
    Mention,
    Section,
    Tag,
    TaggedArticle,
)
from articles.models.versioning import ARTICLE_FOLLOWS, RECORD_MODELS
from core.text import plain_text
from images.models import Image
from people.models import Person

from . import policy
from .concurrency import claim_version, current_version
from .events import record_event

DIFF_FIELDS = [
    ("kicker", "Kicker"),
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("dateline", "Dateline"),
    ("body", "Body"),
    ("section", "Section"),
    ("bylines", "Bylines"),
    ("people", "People"),
    ("tags", "Tags"),
    ("pictures", "Pictures"),
]
# What a writer's unsaved form and a stored article are compared on (a save conflict).
TEXT_DIFF_FIELDS = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]
# Where a block of the body ends: the compare view shows one paragraph a line.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure)>|<br\s*/?>", re.I)
# What the workflow decides is kept when an older revision's content is restored.
WORKFLOW_FIELDS = ["status", "published_at", "embargo_until", "created_by_id"]
TOKENS = re.compile(r"\s+|<[^>]*>|[^\s<]+")


@contextmanager
def recording(user, comment: str):
    """Record every article saved inside the block as one revision by `user`."""
    with transaction.atomic(using=router.db_for_write(Article)), reversion.create_revision():
        yield
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)


def save_with_revision(
    *, article: Article, user, comment: str, expected_version: int | None = None
) -> Article:
    """Save `article` if unchanged since `expected_version` (default: the loaded one)."""
    with recording(user, comment):
        if article.pk is not None:
            expected = article.version if expected_version is None else expected_version
            claim_version(article=article, expected=expected)
        article.save()
        reversion.add_to_revision(article)
    return article


def versions_of(article: Article):
    """Return the article's saved versions, newest first, with who saved them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def version_with_number(article: Article, number: int) -> Version | None:
    """Return the newest revision recorded when the article had version `number`."""
    numbered = ArticleVersionNumber.objects.filter(article_id=article.pk, number=number)
    return versions_of(article).filter(revision__in=numbered.values("revision_id")).first()


def number_article_versions(sender, revision: Revision, versions, **kwargs) -> None:
    """Store the version number of each article a revision has just recorded."""
    numbers = [
        ArticleVersionNumber(revision=revision, article_id=int(version.object_id), number=number)
        for version in versions
        if version.content_type.model_class() is Article
        and (number := _stored_number(version)) is not None
    ]
    ArticleVersionNumber.objects.using(revision._state.db).bulk_create(numbers)


def _stored_number(version: Version) -> int | None:
    return version.field_dict.get("version")


@dataclass
class FieldDiff:
    name: str
    label: str
    changed: bool
    # (kind, text) pairs; kind is "equal", "delete" or "insert". Templates escape the text.
    segments: list[tuple[str, str]]


def diff_texts(old: str, new: str) -> list[tuple[str, str]]:
    """Return a word-by-word diff of two texts as (kind, text) pairs."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    segments = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("delete", "".join(before[a1:a2])))
        if b2 > b1:
            segments.append(("insert", "".join(after[b1:b2])))
    return segments


def diff_items(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Return a diff of two lists of items (bylines, tags…) as (kind, text) pairs, one a line."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments += [("equal", f"{item}\n") for item in old[a1:a2]]
            continue
        segments += [("delete", f"{item}\n") for item in old[a1:a2]]
        segments += [("insert", f"{item}\n") for item in new[b1:b2]]
    return segments


def diff_fields(old: dict, new: dict, fields=TEXT_DIFF_FIELDS) -> list[FieldDiff]:
    """Compare two descriptions of an article field by field: texts by words, lists by item."""
    diffs = []
    for name, label in fields:
        listed = isinstance(old.get(name), list) or isinstance(new.get(name), list)
        empty = [] if listed else ""
        before, after = old.get(name) or empty, new.get(name) or empty
        compare = diff_items if listed else diff_texts
        diffs.append(FieldDiff(name, label, before != after, compare(before, after)))
    return diffs


def diff_versions(old: Version, new: Version) -> list[FieldDiff]:
    """Compare two revisions as readers and editors see them: words, names and captions."""
    return diff_fields(readable_revision(old), readable_revision(new), DIFF_FIELDS)


def readable_revision(version: Version) -> dict:
    """Return what one revision of an article says, as text and lists of readable items."""
    fields = version.field_dict
    rows = stored_rows(article_versions(version.revision, article_id=int(version.object_id)))
    related = _by_model([row.object for row in rows])
    names = _names(related, section_id=fields.get("section_id"))
    return {
        "headline": fields.get("headline") or "",
        "kicker": fields.get("kicker") or "",
        "standfirst": fields.get("standfirst") or "",
        "dateline": fields.get("dateline") or "",
        "body": readable_text(fields.get("body") or ""),
        "section": [names["section"]] if names["section"] else [],
        "bylines": [
            f"{names['people'].get(b.person_id, 'someone removed')} ({b.get_role_display()})"
            for b in sorted(related[Byline], key=_position)
        ],
        "people": [
            f"{names['people'].get(m.person_id, 'someone removed')}"
            + (f" — {m.role_phrase}" if m.role_phrase else "")
            for m in sorted(related[Mention], key=_position)
        ],
        "tags": sorted(
            names["tags"].get(t.tag_id, "a tag removed") for t in related[TaggedArticle]
        ),
        "pictures": [
            _picture(item, names["images"]) for item in sorted(related[ArticleImage], key=_position)
        ],
    }


def readable_text(html: str) -> str:
    """Return the words of an HTML body, one paragraph a line, without its markup."""
    lines = BLOCK_END.sub("\n", html)
    return "\n".join(plain_text(line) for line in lines.split("\n") if plain_text(line))


def _by_model(objects: list) -> dict[type, list]:
    grouped = {model: [] for model in (Byline, Mention, TaggedArticle, ArticleImage)}
    for obj in objects:
        if type(obj) in grouped:
            grouped[type(obj)].append(obj)
    return grouped


def _names(related: dict[type, list], *, section_id) -> dict:
    """Return the names the relations point at, read in one query per kind."""
    people = {p.person_id for p in (*related[Byline], *related[Mention])}
    tags = {t.tag_id for t in related[TaggedArticle]}
    images = {i.image_id for i in related[ArticleImage] if i.image_id}
    section = Section.objects.filter(pk=section_id).values_list("name", flat=True).first()
    return {
        "people": dict(Person.objects.filter(pk__in=people).values_list("pk", "full_name")),
        "tags": dict(Tag.objects.filter(pk__in=tags).values_list("pk", "name")),
        "images": {image.pk: image for image in Image.objects.filter(pk__in=images)},
        "section": section or "",
    }


def _position(row) -> tuple:
    return (getattr(row, "position", 0), row.pk or 0)


def _picture(item: ArticleImage, images: dict) -> str:
    image = images.get(item.image_id)
    caption = item.caption or (image.caption if image else "") or "no caption"
    credit = item.credit or (image.credit if image else "")
    lead = "Lead: " if item.is_lead else ""
    return f"{lead}{caption}" + (f" ({credit})" if credit else "")


def _check_belongs(article: Article, version: Version) -> None:
    if version.content_type.model_class() is not Article or version.object_id != str(article.pk):
        raise ValueError("That revision belongs to another article.")


def restore_revision(*, article: Article, version: Version, user) -> Article:
    """Bring back the content of an older revision as a new revision; keep workflow state."""
    _check_belongs(article, version)
    saved = timezone.localtime(version.revision.date_created)
    with recording(user, f"Restored the revision of {saved:%Y-%m-%d %H:%M}"):
        keep = {name: getattr(article, name) for name in WORKFLOW_FIELDS}
        claim_version(article=article, expected=article.version)
        claimed = article.version
        # Reverting writes the old row back (old version number included) and deletes
        # relations added since; the workflow fields and the new version are then re-applied.
        revert_content(version.revision, article_id=article.pk)
        restored = Article.objects.using(version.db).get(pk=article.pk)
        for name, value in keep.items():
            setattr(restored, name, value)
        restored.version = claimed
        with writing_article():
            restored.save()
        record_article("article.restored", restored)
        reversion.add_to_revision(restored)
        record_event(article=restored, user=user, action="restored", from_status=keep["status"])
    return restored


def _article_keys() -> dict[type, str]:
    """Map each relation model the article follows to the attribute naming its article."""
    relations = (Article._meta.get_field(name) for name in ARTICLE_FOLLOWS)
    return {relation.related_model: relation.field.attname for relation in relations}


def _belongs_to(version: Version, article_id: int) -> bool:
    model = version.content_type.model_class()
    if model is Article:
        return version.object_id == str(article_id)
    key = _article_keys().get(model)
    return key is not None and version.field_dict.get(key) == article_id


def article_versions(revision: Revision, *, article_id: int) -> list[Version]:
    """Return the versions in `revision` of one article and of its followed relations."""
    return [
        version
        for version in revision.version_set.select_related("content_type")
        if _belongs_to(version, article_id)
    ]


def stored_rows(versions: list[Version]) -> list:
    """Return the rows the versions hold, deserialised with Django's public serializers."""
    return [
        next(
            serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
        )
        for version in versions
    ]


def revert_content(revision: Revision, *, article_id: int) -> None:
    """Write the article and its relations back as `revision` holds them; drop later ones.

    Like reversion's `Revision.revert(delete=True)`, narrowed to one article's content: the
    revision may also hold corrections, workflow events or other articles saved in the same
    block, and those are records or someone else's work, so they are left as they are. The
    public revert cannot be narrowed that way, nor can it empty the user fields of accounts
    deleted since, so the rows are deserialised from `Version.serialized_data` here.

    Together with `_recover_records`, this is the one place outside the write path
    (services.writing) that writes relation rows: bringing back stored rows as they were,
    ids included, is what reverting means, and the write path would give them new ones.
    """
    versions = article_versions(revision, article_id=article_id)
    kept = {(version.content_type.model_class(), version.object_id) for version in versions}
    for model, key in _article_keys().items():
        later = model._default_manager.using(router.db_for_write(model)).filter(**{key: article_id})
        later.exclude(pk__in=[pk for kind, pk in kept if kind is model]).delete()
    # The article first, so that its relations find it.
    versions.sort(key=lambda version: version.content_type.model_class() is not Article)
    rows = stored_rows(versions)
    _forget_missing_users([row.object for row in rows])
    for version, row in zip(versions, rows, strict=True):
        # A raw save, as reversion's own revert does: the stored row comes back as it was.
        row.save(using=version.db)


def deleted_versions():
    """Return the last saved version of every deleted article, newest first."""
    return Version.objects.get_deleted(Article).select_related("revision__user")


def recover_article(*, version: Version, user) -> Article:
    """Bring a deleted article back as a draft, with its relations, corrections and events.

    A published article does not go live again by itself: an editor reads it and publishes
    it deliberately, and the 'recovered' event records who brought it back and when.
    """
    if not policy.can_edit_any(user):
        raise PermissionDenied("Only an editor can recover deleted articles.")
    if version.content_type.model_class() is not Article:
        raise ValueError("That revision is not an article's.")
    article_id = int(version.object_id)
    if current_version(article_id=article_id) is not None:
        raise ValueError("That article has not been deleted.")
    with recording(user, "Recovered after deletion"):
        revert_content(version.revision, article_id=article_id)
        _recover_records(article_id, using=version.db)
        article = Article.objects.using(version.db).get(pk=article_id)
        before = article.status
        note = _recovery_note(article)
        article.status, article.published_at = Article.Status.DRAFT, None
        # The revived row holds its old version number; moving on makes old ETags stale.
        article.version += 1
        article.save()
        reversion.add_to_revision(article)
        record_event(article=article, user=user, action="recovered", from_status=before, note=note)
    return article


def _recovery_note(article: Article) -> str:
    if article.published_at is None:
        return "Recovered as a draft."
    when = timezone.localtime(article.published_at)
    return f"Recovered as a draft; it had been published at {when:%Y-%m-%d %H:%M}."


def _recover_records(article_id: int, *, using: str) -> None:
    """Re-create the corrections and events of a deleted article from its revisions.

    Each correction and event was saved inside a revision that also holds the article, so
    the article's revisions name them all; the newest copy of each is brought back.
    """
    revisions = Version.objects.using(using).get_for_object_reference(Article, article_id)
    for model in RECORD_MODELS:
        versions = (
            Version.objects.using(using)
            .get_for_model(model)
            .filter(revision__in=revisions.values("revision_id"))
            .order_by("-pk")
        )
        newest = {}
        for version in versions:
            newest.setdefault(version.object_id, version)
        records = [row.object for row in stored_rows(list(newest.values()))]
        records = [record for record in records if record.article_id == article_id]
        present = set(
            model._default_manager.using(using)
            .filter(pk__in=[record.pk for record in records])
            .values_list("pk", flat=True)
        )
        records = [record for record in records if record.pk not in present]
        _forget_missing_users(records)
        model._default_manager.using(using).bulk_create(records)


def _forget_missing_users(objects: list) -> None:
    """Empty the user fields of `objects` that name accounts deleted since they were saved."""
    user_model = get_user_model()
    links = [
        (obj, field.attname)
        for obj in objects
        for field in type(obj)._meta.concrete_fields
        if field.is_relation and field.related_model is user_model and field.null
    ]
    named = {getattr(obj, name) for obj, name in links} - {None}
    existing = set(user_model._default_manager.filter(pk__in=named).values_list("pk", flat=True))
    for obj, name in links:
        if getattr(obj, name) not in existing:
            setattr(obj, name, None)


def record_revisions_for(events) -> None:
    """Events' effect: record a revision of each article saved outside any revision block."""
    for event in events:
        if event.payload.get("unrecorded"):
            _record_unrecorded(event)


def _record_unrecorded(event) -> None:
    """Events' effect: record one revision of an article saved outside any revision block.

    A script or command that saves an article with no named user still leaves a revision,
    taken once the change has committed, so its relations are in. It is recorded at most
    once per event: a revision of the article newer than the event means it was done.
    """
    article = Article.objects.filter(pk=event.payload["article"]).first()
    if (
        article is None
        or versions_of(article).filter(revision__date_created__gte=event.created_at).exists()
    ):
        return
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment("Saved without a named user (a script or command)")
