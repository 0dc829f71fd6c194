"""Optimistic concurrency: a save goes through only if nobody saved the article meanwhile.

Every write moves `Article.version` on by one with a conditional UPDATE
(`... WHERE version = <the version the writer started from>`). The database does the
comparison, so two writers can never both win: on PostgreSQL the second UPDATE waits for
the first transaction and then matches no row; on SQLite writers are serialised.
"""

from dataclasses import dataclass

from django.db import router, transaction

from articles.models import Article


@dataclass
class StaleArticleError(Exception):
    """The article changed since the version the writer started from."""

    article_id: int
    expected: int
    current: int | None

    def __str__(self):
        return (
            f"Article {self.article_id} was saved by someone else "
            f"(you had version {self.expected}, it is now {self.current})."
        )


def _articles():
    # Reads for a write must come from the primary, never from a lagging replica.
    return Article.objects.using(router.db_for_write(Article))


def current_version(*, article_id: int, lock: bool = False) -> int | None:
    """Return the stored version of an article, locking its row when inside a transaction."""
    queryset = _articles().filter(pk=article_id)
    if lock and transaction.get_connection(queryset.db).in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.values_list("version", flat=True).first()


def claim_version(*, article: Article, expected: int) -> None:
    """Move the stored version from `expected` to the next one, or raise StaleArticleError."""
    updated = _articles().filter(pk=article.pk, version=expected).update(version=expected + 1)
    if not updated:
        current = current_version(article_id=article.pk)
        raise StaleArticleError(article_id=article.pk, expected=expected, current=current)
    article.version = expected + 1
