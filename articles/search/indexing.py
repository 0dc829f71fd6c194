"""Keep the index current: signal receivers for every change that alters an article's text."""

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from articles.models import Article, Byline, Mention, Tag, TaggedArticle
from people.models import Person

from .documents import all_documents, documents_for
from .service import engine_for

BATCH_SIZE = 500
# Article ids (by database alias) whose indexing waits for the end of `deferred_indexing()`.
_deferred: ContextVar[dict[str, set[int]] | None] = ContextVar("deferred_indexing", default=None)


def index_articles(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Write the current text of the given articles to the index; drop those that are gone."""
    ids = sorted(set(article_ids))
    engine = engine_for(using)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        documents = documents_for(batch, using)
        engine.write(documents, using)
        engine.delete(sorted(set(batch) - {d.article_id for d in documents}), using)


def remove_articles(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Remove the given articles from the index."""
    engine_for(using).delete(sorted(set(article_ids)), using)


@dataclass(frozen=True)
class RebuildReport:
    articles: int
    seconds: float
    size_bytes: int

    @property
    def per_second(self) -> float:
        """Return how many articles were indexed per second."""
        return self.articles / self.seconds if self.seconds else float(self.articles)


def rebuild_index(
    *,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> RebuildReport:
    """Replace the whole index with the current text of every article, in one transaction."""
    engine = engine_for(using)
    started = time.perf_counter()
    count = 0
    with transaction.atomic(using=using):
        engine.clear(using)
        for documents in all_documents(batch_size, using):
            engine.write(documents, using)
            count += len(documents)
            if progress:
                progress(count)
        engine.optimize(using)
    seconds = time.perf_counter() - started
    return RebuildReport(articles=count, seconds=seconds, size_bytes=engine.size_bytes(using))


def index_size(using: str = DEFAULT_DB_ALIAS) -> int:
    """Return the bytes the index occupies on disk."""
    return engine_for(using).size_bytes(using)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Index the articles changed inside the block once, at its end, instead of on every save.

    Meant for writers that save an article and then its relations in bulk (the importer):
    the block's end sees every relation, so one write per article replaces one per row.
    Nested blocks join the outermost. If the block fails, the articles are indexed when the
    transaction commits (never, if it rolls back).
    """
    if _deferred.get() is not None:
        yield
        return
    pending: dict[str, set[int]] = {}
    token = _deferred.set(pending)
    try:
        yield
    except BaseException:
        for using, ids in pending.items():
            transaction.on_commit(partial(index_articles, ids, using), using=using)
        raise
    finally:
        _deferred.reset(token)
    for using, ids in pending.items():
        index_articles(ids, using)


def _deferring(article_ids: Iterable[int], using: str) -> bool:
    """Queue the ids if inside `deferred_indexing()`; return whether they were queued."""
    pending = _deferred.get()
    if pending is None:
        return False
    pending.setdefault(using, set()).update(article_ids)
    return True


def article_saved(sender, instance, using, **kwargs):
    """Index the article now, and again at commit, when relations written in bulk are in."""
    if _deferring([instance.pk], using):
        return
    index_articles([instance.pk], using)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(partial(index_articles, [instance.pk], using), using=using)


def article_deleted(sender, instance, using, **kwargs):
    """Remove the article from the index."""
    remove_articles([instance.pk], using)


def relation_changed(sender, instance, using, **kwargs):
    """Re-index the article whose byline, mention or tag changed."""
    article_id = instance.content_object_id if sender is TaggedArticle else instance.article_id
    if not _deferring([article_id], using):
        index_articles([article_id], using)


def person_saved(sender, instance, using, **kwargs):
    """Re-index the articles naming the person, whose name may have changed."""
    involving = Q(bylines__person=instance) | Q(mentions__person=instance)
    ids = Article.objects.using(using).filter(involving).values_list("pk", flat=True)
    if not _deferring(ids, using):
        index_articles(ids, using)


def tag_saved(sender, instance, using, **kwargs):
    """Re-index the articles carrying the tag, whose name may have changed."""
    ids = (
        TaggedArticle.objects.using(using)
        .filter(tag=instance)
        .values_list("content_object_id", flat=True)
    )
    if not _deferring(ids, using):
        index_articles(ids, using)


def connect_signals() -> None:
    """Connect the receivers; called once from the app's ready()."""
    post_save.connect(article_saved, sender=Article, dispatch_uid="search-article-saved")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="search-article-deleted")
    for model in (Byline, Mention, TaggedArticle):
        uid = f"search-{model._meta.model_name}"
        post_save.connect(relation_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(relation_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(person_saved, sender=Person, dispatch_uid="search-person-saved")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="search-tag-saved")
