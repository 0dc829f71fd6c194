"""Index each changed article once, when the transaction that changed it commits.

Every change registers an on-commit callback naming its articles. Django discards the
callbacks of a transaction or savepoint that rolls back, so what was rolled back is forgotten
without our keeping count; it offers no public way to ask whether a callback registered earlier
is still queued, so one callback per transaction could not tell a live queue from a discarded
one. The callbacks of one commit run one after another: the first to name an article indexes
it, the rest skip it, so an article saved with thirty relations is written to the index once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .indexing import index_articles

# Per connection: the articles indexed since the last change was queued on it, i.e. by the
# callbacks of the commit now running.
_indexed: WeakKeyDictionary[BaseDatabaseWrapper, set[int]] = WeakKeyDictionary()


def _indexed_on(using: str) -> set[int]:
    return _indexed.setdefault(connections[using], set())


@dataclass(frozen=True)
class IndexAtCommit:
    """The on-commit callback of one change: index its articles unless already done."""

    article_ids: frozenset[int]
    using: str

    def __call__(self) -> None:
        indexed = _indexed_on(self.using)
        due = self.article_ids - indexed
        indexed |= due
        if due:
            index_articles(due, self.using)


def index_at_commit(article_ids: Iterable[int], using: str) -> None:
    """Index the articles when the current transaction commits; at once outside one."""
    ids = frozenset(article_ids)
    if not ids:
        return
    # A new change: articles indexed by an earlier commit are due again.
    _indexed_on(using).clear()
    # Robust: the change is committed whatever the index does; a failure is logged, the other
    # callbacks still run, and `rebuild_search_index` repairs the index.
    transaction.on_commit(IndexAtCommit(ids, using), using=using, robust=True)
