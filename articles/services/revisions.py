"""Revisions of articles (django-reversion): record, compare and restore.

Every door that saves an article (admin, API, import, commands) calls
`save_with_revision()` or wraps its writes in `recording(user, comment)`, so each save
becomes one revision holding the article and its relations, with who and when.
"""

import difflib
import re
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article
from articles.models.versioning import ARTICLE_FOLLOWS, RECORD_MODELS

from . import policy
from .concurrency import claim_version, current_version
from .events import record_event

DIFF_FIELDS = [("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body")]
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
    for version in versions_of(article)[:200]:
        if version.field_dict.get("version") == number:
            return version
    return None


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


def diff_fields(old: dict, new: dict) -> list[FieldDiff]:
    """Compare headline, standfirst and body between two field dictionaries."""
    return [
        FieldDiff(
            name=name,
            label=label,
            changed=(old.get(name) or "") != (new.get(name) or ""),
            segments=diff_texts(old.get(name) or "", new.get(name) or ""),
        )
        for name, label in DIFF_FIELDS
    ]


def diff_versions(old: Version, new: Version) -> list[FieldDiff]:
    """Compare headline, standfirst and body between two revisions."""
    return diff_fields(old.field_dict, new.field_dict)


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
        restored.save()
        reversion.add_to_revision(restored)
        record_event(article=restored, user=user, action="restored", from_status=keep["status"])
    return restored


def _article_keys() -> dict[type, str]:
    """Map each relation model the article follows to the attribute naming its article."""
    relations = (Article._meta.get_field(name) for name in ARTICLE_FOLLOWS)
    return {relation.related_model: relation.field.attname for relation in relations}


def _belongs_to(obj, article_id: int) -> bool:
    if isinstance(obj, Article):
        return obj.pk == article_id
    key = _article_keys().get(type(obj))
    return key is not None and getattr(obj, key) == article_id


def article_versions(revision: Revision, *, article_id: int) -> list[Version]:
    """Return the versions in `revision` of one article and of its followed relations."""
    return [
        version
        for version in revision.version_set.select_related("content_type")
        if _belongs_to(version._object_version.object, article_id)
    ]


def revert_content(revision: Revision, *, article_id: int) -> None:
    """Write the article and its relations back as `revision` holds them; drop later ones.

    Like reversion's `Revision.revert(delete=True)`, narrowed to one article's content: the
    revision may also hold corrections, workflow events or other articles saved in the same
    block, and those are records or someone else's work, so they are left as they are.
    """
    versions = article_versions(revision, article_id=article_id)
    kept = {(version._model, version.object_id) for version in versions}
    for model, key in _article_keys().items():
        later = model._default_manager.using(router.db_for_write(model)).filter(**{key: article_id})
        later.exclude(pk__in=[pk for kind, pk in kept if kind is model]).delete()
    # The article first, so that its relations find it.
    versions.sort(key=lambda version: version._model is not Article)
    rows = [version._object_version for version in versions]
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
        records = [version._object_version.object for version in newest.values()]
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


@dataclass(frozen=True)
class RecordAfterCommit:
    """The queued revision of an article saved outside any revision block."""

    article_id: int
    using: str

    def __call__(self):
        article = Article.objects.using(self.using).filter(pk=self.article_id).first()
        if article is not None:
            with reversion.create_revision(using=self.using):
                reversion.add_to_revision(article)
                reversion.set_comment("Saved without a named user (a script or command)")


def record_unattended_save(sender, instance, raw=False, using=None, **kwargs):
    """Queue a revision for an article saved outside any revision block (a safety net)."""
    if raw or reversion.is_active():
        return
    # One revision per article per transaction, taken after commit so relations are in.
    # The queue itself says what is pending: Django empties it on commit and on rollback.
    record = RecordAfterCommit(instance.pk, using)
    queued = (func for _, func, _ in transaction.get_connection(using).run_on_commit)
    if record not in queued:
        transaction.on_commit(record, using=using)
