"""Each changed article is indexed once when its transaction commits, never if it rolls back."""

import contextlib

import pytest
from django.db import transaction

from articles.models import Article
from search.service import search_articles
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    TaggedArticleFactory,
)


def found(query):
    """Return the pks of every article (drafts too) the query finds."""
    drafts_too = Article.objects.all()
    return list(search_articles(query, queryset=drafts_too).articles.values_list("pk", flat=True))


def test_an_article_saved_with_thirty_relations_is_written_to_the_index_once(
    db, committed, index_writes
):
    with committed(), transaction.atomic():
        article = ArticleFactory(headline="Harbour ferry returns")
        for n in range(30):
            BylineFactory(article=article, position=n)
            MentionFactory(article=article, position=n)
            TaggedArticleFactory(content_object=article)
        article.headline = "Harbour ferry returns for good"
        article.save()
        assert index_writes == []

    assert index_writes == [[article.pk]]
    assert found("ferry good") == [article.pk]
    assert found(article.bylines.last().person.full_name) == [article.pk]


def test_a_rolled_back_transaction_indexes_nothing(db, committed, index_writes):
    with (
        committed() as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        article = ArticleFactory(headline="Zeppelin fares")
        MentionFactory(article=article, person=PersonFactory(full_name="Quillon Varga"))
        raise RuntimeError("rolled back")

    assert callbacks == []
    assert index_writes == []
    assert found("zeppelin") == found("Varga") == []


def test_a_rolled_back_savepoint_forgets_only_its_own_changes(db, committed, index_writes):
    with committed():
        kept = ArticleFactory(headline="Tram fares frozen")
    index_writes.clear()

    with committed(), transaction.atomic():
        kept.headline = "Tram fares cut"
        kept.save()
        with contextlib.suppress(RuntimeError), transaction.atomic():
            kept.save()
            ArticleFactory(headline="Tram depot moves")
            raise RuntimeError("savepoint rolled back")

    assert index_writes == [[kept.pk]]
    assert found("tram") == [kept.pk]


def test_an_article_changed_after_a_rolled_back_savepoint_is_still_indexed(db, committed):
    with committed():
        article = ArticleFactory(headline="Lantern makers")

    with committed(), transaction.atomic():
        # The first change of the transaction, and its callback, are rolled back.
        with contextlib.suppress(RuntimeError), transaction.atomic():
            article.save()
            raise RuntimeError("savepoint rolled back")
        article.headline = "Lantern festival"
        article.save()

    assert found("festival") == [article.pk]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_change_is_indexed_at_once():
    person = PersonFactory(full_name="Octavia Brightwater")
    article = ArticleFactory(headline="Bridge reopens")
    assert found("bridge") == [article.pk]

    mention = MentionFactory(article=article, person=person)
    assert found("Brightwater") == [article.pk]

    person.full_name = "Octavia Stillwater"
    person.save()
    assert found("Stillwater") == [article.pk]

    mention.delete()
    assert found("Stillwater") == []

    article.delete()
    assert found("bridge") == []
