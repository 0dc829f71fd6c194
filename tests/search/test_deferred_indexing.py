"""deferred_indexing(): saves inside the block index each article once, at the block's end."""

from unittest import mock

import pytest
from django.db import transaction

from articles.models import Article, Mention
from articles.search import indexing
from articles.search.indexing import deferred_indexing
from articles.search.service import search_articles
from tests.factories import ArticleFactory, MentionFactory, PersonFactory


def found(query):
    """Return the pks of every article (drafts too) the query finds."""
    return list(
        search_articles(query, queryset=Article.objects.all()).articles.values_list("pk", flat=True)
    )


def test_relations_written_in_bulk_inside_the_block_are_indexed(db):
    person = PersonFactory(full_name="Quillon Varga")
    with deferred_indexing():
        article = ArticleFactory(headline="Harbour ferry returns")
        Mention.objects.bulk_create([Mention(article=article, person=person, position=0)])
        assert found("Varga") == []  # nothing indexed yet
    assert found("Varga") == [article.pk]


def test_each_article_is_indexed_once_however_many_saves(db):
    with mock.patch.object(indexing, "index_articles", wraps=indexing.index_articles) as spy:
        with deferred_indexing():
            article = ArticleFactory(headline="Tram fares")
            article.headline = "Tram fares frozen"
            article.save()
            MentionFactory(article=article)
            MentionFactory(article=article)
            other = ArticleFactory(headline="Lantern makers")
        assert spy.call_count == 1
    assert sorted(spy.call_args.args[0]) == sorted([article.pk, other.pk])
    assert found("frozen") == [article.pk]


def test_nested_blocks_index_at_the_end_of_the_outermost(db):
    with deferred_indexing():
        with deferred_indexing():
            article = ArticleFactory(headline="Observatory upgrade")
        assert found("observatory") == []
    assert found("observatory") == [article.pk]


def test_a_failed_block_leaves_its_articles_to_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), deferred_indexing():
            article = ArticleFactory(headline="Zeppelin routes")
            raise RuntimeError
        assert found("zeppelin") == []
    assert found("zeppelin") == [article.pk]


def test_a_rolled_back_block_indexes_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
        deferred_indexing(),
    ):
        ArticleFactory(headline="Zeppelin fares")
        raise RuntimeError
    assert callbacks == []
    assert found("zeppelin") == []


def test_outside_the_block_saves_index_at_once(db):
    article = ArticleFactory(headline="Night market")
    assert found("market") == [article.pk]
