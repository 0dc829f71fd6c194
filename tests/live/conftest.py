"""A live article and its entries, and newsroom members in each role."""

import pytest

from tests.factories import ArticleFactory, EntryFactory, LiveCoverageFactory
from tests.workflow.conftest import (  # noqa: F401  (fixtures)
    administrator,
    contributor,
    member,
    newsroom_editor,
)


@pytest.fixture
def live_article(db):
    """Return a factory making a public live article with `n` entries."""

    def make(n: int = 3, **coverage):
        article = ArticleFactory(headline="Storm crosses the bay")
        LiveCoverageFactory(article=article, **coverage)
        EntryFactory.create_batch(n, article=article)
        return article

    return make
