"""Every change readers may see, recorded as an event in the transaction that makes it.

The one write path (services/writing.py) records one event for a whole article write. Any
other save or delete of an article, its relations, a section, topic, person or picture (the
workflow services, the admin's own pages, scripts, raw saves of a restored revision) is
noted here from the model signals, so nothing is missed; events.services.record writes
each distinct event once per transaction. The effects (page cache, search, revisions) are
registered by the apps' ready() and run by the events dispatcher (docs/architecture.md,
"Events").
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.db.models.signals import post_delete, post_init, post_save, pre_delete
from django.utils import timezone

from events.services import record
from images.models import Image
from people.models import Affiliation, Person

from .models import Article, Byline, Correction, Mention, Section, Tag, TaggedArticle

ARTICLE_KINDS = (
    "article.published", "article.scheduled", "article.went_live", "article.updated",
    "article.unpublished", "article.corrected", "article.deleted", "article.restored",
)  # fmt: skip
OTHER_KINDS = ("section.changed", "topic.changed", "person.changed", "picture.changed")
# Inside the write path, which records the whole write as one event itself.
_writing: ContextVar[bool] = ContextVar("article_write_path", default=False)


def listed(article: Article) -> bool:
    """Return True if the article is on public lists, now or from its scheduled time."""
    return article.status == Article.Status.PUBLISHED


def article_kind(article: Article, was_listed: bool) -> str:
    """Return the kind of event an article's save is, from whether it was listed before."""
    now_listed = listed(article)
    if now_listed and not was_listed:
        live = article.published_at <= timezone.now()
        return "article.published" if live else "article.scheduled"
    if was_listed and not now_listed:
        return "article.unpublished"
    return "article.updated"


def article_payload(
    article: Article,
    *,
    was_listed: bool,
    sections=(),
    topics=(),
    people=(),
    unrecorded=False,
    changed: set[str] | None = None,
) -> dict:
    """Return an article event's payload: its ids and every list it may join or leave.

    `changed`: the fields and relations (by accessor) the write changed, if known; the page
    cache then makes stale only what shows them (articles/pagecache.py).
    """
    payload = {
        "article": article.pk,
        "listed": listed(article),
        "was_listed": was_listed,
        "sections": _ids([article.section_id, *sections]),
        "topics": _ids(topics),
        "people": _ids(people),
    }
    if changed is not None:
        payload["changed"] = sorted(changed)
    if unrecorded:
        # Saved outside any revision block (a script): the revisions' effect records one.
        payload["unrecorded"] = True
    return payload


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({value for value in values if value is not None})


def record_article(kind: str, article: Article, **lists) -> None:
    """Record an event about `article` on its database."""
    before = getattr(article, "_loaded_as", {})
    was_listed = before.get("listed", False)
    sections = [before.get("section_id"), *lists.pop("sections", ())]
    payload = article_payload(article, was_listed=was_listed, sections=sections, **lists)
    record(kind, payload, using=article._state.db or "default")
    remember_state(article)


@contextmanager
def writing_article() -> Iterator[None]:
    """Leave the block's article and relation saves to the write path's one event."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


# --- The model signals ------------------------------------------------------------------


def remember_state(instance, **kwargs) -> None:
    """Keep what an article or section was when loaded, to know which lists it leaves."""
    values = instance.__dict__
    instance._loaded_as = {
        "listed": values.get("status") == Article.Status.PUBLISHED,
        "section_id": values.get("section_id"),
        "parent_id": values.get("parent_id"),
    }


def article_saved(sender, instance, **kwargs):
    """Record an article saved outside the write path."""
    if _writing.get():
        return
    was_listed = getattr(instance, "_loaded_as", {}).get("listed", False)
    kind = article_kind(instance, was_listed)
    record_article(kind, instance, unrecorded=not reversion.is_active())


def article_deleting(sender, instance, **kwargs):
    """Note the lists a deleted article leaves before its relations go with it."""
    instance._lists_left = {
        "topics": list(instance.tagged_items.values_list("tag_id", flat=True)),
        "people": [
            *instance.bylines.values_list("person_id", flat=True),
            *instance.mentions.values_list("person_id", flat=True),
        ],
    }


def article_deleted(sender, instance, **kwargs):
    """Record a deleted article and every list it left."""
    instance.status = Article.Status.UNPUBLISHED  # gone: on no list any more
    record_article("article.deleted", instance, **getattr(instance, "_lists_left", {}))


def correction_changed(sender, instance, using, **kwargs):
    """Record a correction added to, changed on or removed from an article."""
    record("article.corrected", {"article": instance.article_id}, using=using)


def relation_changed(sender, instance, using, **kwargs):
    """Record an article joining or leaving a topic's or a person's list, outside the write path."""
    if _writing.get():
        return
    if sender is TaggedArticle:
        payload = {"article": instance.content_object_id, "topics": [instance.tag_id]}
    else:
        payload = {"article": instance.article_id, "people": [instance.person_id]}
    record("article.updated", {"sections": [], "topics": [], "people": [], **payload}, using=using)


def section_changed(sender, instance, using, **kwargs):
    """Record a section changed: its pages, the lists it heads, the navigation."""
    before = getattr(instance, "_loaded_as", {}).get("parent_id")
    ids = _ids([instance.pk, instance.parent_id, before])
    record("section.changed", {"section": instance.pk, "sections": ids}, using=using)
    remember_state(instance)


def other_changed(kind: str, subject: str, attribute: str = "pk"):
    """Return a receiver recording `kind` about the instance's `attribute` as `subject`."""

    def receiver(sender, instance, using, **kwargs):
        record(kind, {subject: getattr(instance, attribute)}, using=using)

    return receiver


RECEIVERS = {
    Correction: correction_changed,
    Byline: relation_changed,
    Mention: relation_changed,
    TaggedArticle: relation_changed,
    Section: section_changed,
    Tag: other_changed("topic.changed", "topic"),
    Person: other_changed("person.changed", "person"),
    Affiliation: other_changed("person.changed", "person", "person_id"),
    Image: other_changed("picture.changed", "picture"),
}


def connect_signals() -> None:
    """Connect the receivers; called once from the articles app's ready()."""
    for model in (Article, Section):
        post_init.connect(remember_state, sender=model, dispatch_uid=f"changes-{model.__name__}")
    post_save.connect(article_saved, sender=Article, dispatch_uid="changes-article-saved")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="changes-article-deleting")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="changes-article-deleted")
    for model, receiver in RECEIVERS.items():
        uid = f"changes-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-deleted")
