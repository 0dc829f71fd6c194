"""What an import writes besides the article: one revision, one index write, few queries."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Revision, Version

from articles.models import Article, Byline, Mention, Tag, TaggedArticle
from articles.services.importing import Newsroom, import_article
from people.models import Person
from search.service import search_articles
from tests.factories import TagFactory, UserFactory


def renamed(story: bytes, headline: str) -> bytes:
    """Return the story under another headline: new copy, so a new article, same people."""
    return headline.encode() + b"\n" + story.split(b"\n", 1)[1]


def test_an_import_is_one_revision_by_its_user_holding_the_relations(ferry_bytes, sections):
    TagFactory(name="Penang", slug="penang")
    editor = UserFactory()

    article = import_article(data=ferry_bytes, user=editor).article

    (revision,) = Revision.objects.all()
    assert revision.user == editor and revision.date_created is not None
    assert revision.comment == "Imported from Penang Daily Courier (plain text)"
    versions = Version.objects.filter(revision=revision)
    (version,) = [v for v in versions if v.content_type.model_class() is Article]
    assert version.field_dict["body"] == article.body != ""  # taken after the body was written
    held = {v.content_type.model_class() for v in versions}
    assert {Byline, Mention, TaggedArticle} <= held
    assert (
        versions.count()
        == 1
        + sum(model.objects.count() for model in (Byline, Mention, TaggedArticle))
        + article.images.count()
        + article.related_headlines.count()
    )


def test_the_command_records_its_revisions_under_the_named_user(ferry_bytes, sections, tmp_path):
    editor = UserFactory(username="night-desk")
    (tmp_path / "ferry.txt").write_bytes(ferry_bytes)
    call_command("import_article", str(tmp_path), "--user", "night-desk", stdout=StringIO())
    assert Revision.objects.get().user == editor
    with pytest.raises(CommandError, match="no user"):
        call_command("import_article", str(tmp_path), "--user", "nobody", stdout=StringIO())


def test_an_import_is_indexed_once_with_everyone_it_names(
    ferry_bytes, sections, committed, index_writes
):
    with committed():
        article = import_article(data=ferry_bytes).article
    assert index_writes == [[article.pk]]
    drafts = Article.objects.all()
    assert [a.pk for a in search_articles("Felicia Wong", queryset=drafts).articles] == [article.pk]


def queries_to_import(data: bytes, newsroom=None) -> tuple[list[str], Article]:
    with CaptureQueriesContext(connection) as context:
        article = import_article(data=data, section_slug="business", newsroom=newsroom).article
    return [query["sql"] for query in context.captured_queries], article


def test_the_queries_do_not_grow_with_the_tags_and_people_a_story_names(ferry_bytes, sections):
    # A first import creates the tags the story proposes (one insert each, through the write
    # path); from then on they are the vocabulary's, as are the ones made below.
    queries_to_import(ferry_bytes)[1].delete()
    Person.objects.all().delete()
    TagFactory(name="Penang", slug="penang")
    few, article = queries_to_import(ferry_bytes)
    assert "Penang" in set(article.tags.values_list("name", flat=True))
    vocabulary = Tag.objects.count()
    article.delete()
    Person.objects.all().delete()
    # Three more terms the story names in its headline or more than once: all suggested.
    for name in ["Ferry terminal", "Night markets", "Harbour"]:
        TagFactory(name=name, slug=name.lower().replace(" ", "-"))

    more, article = queries_to_import(ferry_bytes)

    names = set(article.tags.values_list("name", flat=True))
    assert {"Penang", "Ferry terminal", "Night markets", "Harbour"} <= names
    assert Tag.objects.count() == vocabulary + 3  # no new tag this time
    # The first import also read the content types, which the process then keeps.
    assert len([sql for sql in few if "django_content_type" not in sql]) == len(more)


def test_a_run_matches_the_people_it_created_without_asking_the_database(ferry_bytes, sections):
    newsroom = Newsroom(preload=True)
    _, first = queries_to_import(ferry_bytes, newsroom)
    people = Person.objects.count()

    queries, second = queries_to_import(renamed(ferry_bytes, "Ferry markets, again"), newsroom)

    assert Person.objects.count() == people  # no one created twice
    assert [m.person_id for m in second.mentions.all()] == [
        m.person_id for m in first.mentions.all()
    ]
    assert not [sql for sql in queries if 'FROM "people_person"' in sql]


def test_a_run_gives_new_people_with_the_same_name_distinct_slugs(ferry_bytes, sections):
    newsroom = Newsroom(preload=True)
    import_article(data=ferry_bytes, newsroom=newsroom)
    Person.objects.filter(full_name="Felicia Wong Sze Min").update(full_name="F. Wong")
    newsroom = Newsroom(preload=True)  # a new run, which no longer knows her by that name

    article = import_article(data=renamed(ferry_bytes, "Ferry again"), newsroom=newsroom).article

    person = article.mentions.get(person__full_name="Felicia Wong Sze Min").person
    assert person.slug == "felicia-wong-sze-min-2"
