"""The index follows every committed change that alters what an article says or who it names."""

from django.core.management import call_command

from articles.models import Article
from search.indexing import index_size, rebuild_index
from search.service import search_articles
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
)


def found(query, **kwargs):
    """Return the pks search_articles finds, in order."""
    return list(search_articles(query, **kwargs).articles.values_list("pk", flat=True))


def test_an_edited_headline_is_found_by_its_new_words_only(db, committed):
    with committed():
        article = ArticleFactory(headline="Zeppelin fares frozen")

    with committed():
        article.headline = "Tram fares frozen"
        article.save()

    assert found("tram") == [article.pk]
    assert found("zeppelin") == []


def test_publishing_and_unpublishing_show_and_hide_an_article(db, committed):
    with committed():
        article = ArticleFactory(headline="Observatory upgrade", draft=True)
    assert found("observatory") == []

    with committed():
        article.status, article.published_at = Article.Status.PUBLISHED, article.created_at
        article.save()
    assert found("observatory") == [article.pk]

    with committed():
        article.status = Article.Status.UNPUBLISHED
        article.save()
    assert found("observatory") == []


def test_a_deleted_article_leaves_the_index(db, committed):
    with committed():
        article = ArticleFactory(headline="Lantern festival")
        ArticleFactory(headline="Lantern makers")
    assert len(found("lantern", queryset=Article.objects.all())) == 2

    with committed():
        article.delete()

    assert len(found("lantern", queryset=Article.objects.all())) == 1
    assert article.pk not in found("lantern", queryset=Article.objects.all())


def test_adding_and_removing_a_tag_updates_the_index(db, committed):
    article = ArticleFactory(headline="Night market")
    with committed():
        tagging = TaggedArticleFactory(content_object=article, tag=TagFactory(name="Sham Shui Po"))
    assert found("Sham Shui Po") == [article.pk]

    with committed():
        tagging.delete()
    assert found("Sham Shui Po") == []


def test_tags_added_through_the_tag_manager_are_indexed(db, committed):
    article = ArticleFactory(headline="Night market")

    with committed():
        article.tags.add(TagFactory(name="Mong Kok"))
    assert found("Mong Kok") == [article.pk]

    with committed():
        article.tags.clear()
    assert found("Mong Kok") == []


def test_renaming_a_tag_or_a_person_reindexes_their_articles(db, committed):
    with committed():
        tagging = TaggedArticleFactory(tag=TagFactory(name="Kowloon Tong"))
        mention = MentionFactory(person=PersonFactory(full_name="Ada Fairweather"))

    with committed():
        tagging.tag.name = "Kowloon Bay"
        tagging.tag.save()
        mention.person.full_name = "Ada Stormcloud"
        mention.person.save()

    assert found("Kowloon Bay") == [tagging.content_object_id]
    assert found("Kowloon Tong") == []
    assert found("Stormcloud") == [mention.article_id]
    assert found("Fairweather") == []


def test_bylines_and_mentions_are_indexed_and_removed(db, committed):
    with committed():
        byline = BylineFactory(person=PersonFactory(full_name="Wilhelmina Quist"))
        mention = MentionFactory(person=PersonFactory(full_name="Bartholomew Quist"))
    assert set(found("Quist")) == {byline.article_id, mention.article_id}

    with committed():
        byline.delete()
        mention.delete()
    assert found("Quist") == []


def test_a_rebuild_restores_rows_written_behind_the_signals(db, committed):
    with committed():
        article = ArticleFactory(headline="Typhoon shelters")
    # A bulk update sends no signals; the rebuild is the remedy.
    Article.objects.filter(pk=article.pk).update(headline="Cyclone shelters")
    assert found("cyclone") == []

    report = rebuild_index()

    assert found("cyclone") == [article.pk]
    assert report.articles == 1
    assert report.size_bytes == index_size() > 0


def test_the_rebuild_command_reports_what_it_did(db, capsys):
    ArticleFactory.create_batch(3)

    call_command("rebuild_search_index", "--batch-size", "2")

    assert "Indexed 3 articles" in capsys.readouterr().out


def test_relations_written_in_bulk_are_indexed_when_the_transaction_commits(db, committed):
    person = PersonFactory(full_name="Octavia Brightwater")
    with committed():
        article = ArticleFactory(headline="Bridge reopens")
        # As the demo loader does: relations in bulk after the article is saved.
        article.mentions.model.objects.bulk_create(
            [article.mentions.model(article=article, person=person)]
        )
        assert found("Brightwater") == []

    assert found("Brightwater") == [article.pk]
