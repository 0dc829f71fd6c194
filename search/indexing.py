"""Write articles to the index: a few at a time, or the whole index at once."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, transaction

from . import vocabulary
from .documents import all_documents, documents_for
from .service import engine_for

BATCH_SIZE = 500


def index_articles(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Write the current text of the given articles to the index; drop those that are gone."""
    ids = sorted(set(article_ids))
    engine = engine_for(using)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        documents = documents_for(batch, using)
        engine.write(documents, using)
        vocabulary.count_words(documents, using)
        engine.delete(sorted(set(batch) - {d.article_id for d in documents}), using)


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
        vocabulary.clear(using)
        for documents in all_documents(batch_size, using):
            engine.write(documents, using)
            vocabulary.count_words(documents, using)
            count += len(documents)
            if progress:
                progress(count)
        engine.optimize(using)
    seconds = time.perf_counter() - started
    return RebuildReport(articles=count, seconds=seconds, size_bytes=engine.size_bytes(using))


def index_size(using: str = DEFAULT_DB_ALIAS) -> int:
    """Return the bytes the index occupies on disk."""
    return engine_for(using).size_bytes(using)
