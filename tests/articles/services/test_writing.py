"""The one write path: one revision per write, relations replaced in bulk, no lost updates."""

import pytest
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    Byline,
    Mention,
    RelatedArticle,
    RelatedHeadline,
    Tag,
)
from articles.services.concurrency import StaleArticleError
from articles.services.revisions import version_with_number
from articles.services.writing import ArticleRelations, Event, TagName, write_article
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)
from tests.workflow.forms import change_form_data

pytestmark = pytest.mark.django_db


def relations(n: int) -> ArticleRelations:
    """Return `n` rows of every relation, each new."""
    people = PersonFactory.create_batch(n)
    others = ArticleFactory.create_batch(n)
    return ArticleRelations(
        bylines=[Byline(person=p, position=i) for i, p in enumerate(people)],
        mentions=[Mention(person=p, position=i) for i, p in enumerate(people)],
        tags=TagFactory.create_batch(n),
        images=[ArticleImage(caption=f"Figure {i}", position=i) for i in range(n)],
        related_articles=[RelatedArticle(to_article=a, position=i) for i, a in enumerate(others)],
        related_headlines=[RelatedHeadline(title=f"Also {i}", position=i) for i in range(n)],
    )


def counts(article: Article) -> list[int]:
    names = ["bylines", "mentions", "tagged_items", "images", "related_links", "related_headlines"]
    return [getattr(article, name).count() for name in names]


def test_a_new_article_is_written_with_its_relations_as_one_revision_by_its_user():
    editor = UserFactory()
    fields = {"headline": "Tram fares frozen", "slug": "tram", "section": SectionFactory()}

    article = write_article(fields=fields, relations=relations(2), user=editor, comment="New")

    assert counts(article) == [2] * 6
    (revision,) = Revision.objects.all()
    assert (revision.user, revision.comment) == (editor, "New")
    held = Version.objects.filter(revision=revision)
    assert held.count() == 1 + 6 * 2  # the article and every row it follows


def test_a_write_replaces_the_relations_given_and_leaves_the_others():
    article = ArticleFactory()
    BylineFactory.create_batch(3, article=article)
    tag = TagFactory()
    article.tags.add(TagFactory())  # replaced below: fixtures may write rows directly
    person = PersonFactory()

    write_article(
        article=article,
        fields={"headline": "Changed"},
        relations=ArticleRelations(mentions=[Mention(person=person)], tags=[tag]),
        user=None,
        comment="Edit",
    )

    article.refresh_from_db()
    assert article.headline == "Changed" and article.version == 2
    assert article.bylines.count() == 3  # not given, so untouched
    assert [m.person for m in article.mentions.all()] == [person]
    assert list(article.tags.all()) == [tag]


def test_a_row_given_with_its_id_keeps_it():
    article = ArticleFactory()
    figure = ArticleImage.objects.create(article=article, caption="Old caption")
    figure.caption = "New caption"

    write_article(
        article=article,
        fields={},
        relations=ArticleRelations(images=[figure, ArticleImage(caption="Second", position=1)]),
        user=None,
        comment="Edit",
    )

    assert [(i.pk == figure.pk, i.caption) for i in article.images.all()] == [
        (True, "New caption"),
        (False, "Second"),
    ]


def test_a_stale_expected_version_raises_and_writes_nothing():
    article = ArticleFactory(headline="As it was")
    BylineFactory(article=article)
    stored = counts(article)

    with pytest.raises(StaleArticleError):
        write_article(
            article=article,
            fields={"headline": "Lost update"},
            relations=relations(2),
            user=None,
            comment="Edit",
            expected_version=article.version + 1,  # someone else has saved since
        )

    article = Article.objects.get(pk=article.pk)
    assert article.headline == "As it was" and article.version == 1
    assert counts(article) == stored
    assert not Revision.objects.exists()


def test_tags_named_are_found_in_any_case_or_created():
    ferries = TagFactory(name="Ferries")
    article = ArticleFactory()

    write_article(
        article=article,
        fields={},
        relations=ArticleRelations(tags=[TagName(" ferries "), TagName("Piers", kind="place")]),
        user=None,
        comment="Edit",
    )

    assert list(article.tags.order_by("name")) == [ferries, Tag.objects.get(name="Piers")]
    assert Tag.objects.get(name="Piers").kind == "place"


def test_the_events_given_are_recorded_in_the_same_revision():
    editor = UserFactory()
    article = ArticleFactory(draft=True)

    write_article(
        article=article,
        fields={},
        user=editor,
        comment="Restored",
        events=[Event(action=ArticleEvent.Action.RESTORED, note="From Monday")],
    )

    event = article.events.get()
    assert (event.user, event.action, event.note) == (editor, "restored", "From Monday")
    assert event.from_status == event.to_status == "draft"


def test_each_revision_remembers_the_article_version_it_holds():
    article = ArticleFactory()
    for headline in ("First", "Second"):
        write_article(article=article, fields={"headline": headline}, user=None, comment="Edit")

    assert version_with_number(article, 2).field_dict["headline"] == "First"
    assert version_with_number(article, 3).field_dict["headline"] == "Second"
    assert version_with_number(article, 7) is None


@pytest.mark.parametrize("size", [2, 12])
def test_the_queries_do_not_grow_with_the_rows_written(size, django_assert_max_num_queries):
    article = ArticleFactory()
    write_article(article=article, fields={}, relations=relations(size), user=None, comment="One")
    article = Article.objects.get(pk=article.pk)
    replacement = relations(size)

    # The version claim, per relation its ids, old rows and one insert, the save, the index
    # and the revision: the same at any size.
    with django_assert_max_num_queries(43):
        write_article(
            article=article, fields={"headline": "Two"}, relations=replacement, user=None,
            comment="Two",
        )  # fmt: skip

    assert counts(article) == [size] * 6


def test_the_admin_writes_its_inlines_through_the_write_path(editor_client):
    article = ArticleFactory(headline="Before")
    keep, drop = BylineFactory.create_batch(2, article=article)
    figure = ArticleImage.objects.create(article=article, caption="Harbour", position=0)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["headline"] = "After"
    prefix = "bylines"
    for index in range(2):
        if data[f"{prefix}-{index}-id"] == str(drop.pk):
            data[f"{prefix}-{index}-DELETE"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline == "After" and article.version == 2
    assert list(article.bylines.all()) == [keep]
    assert [image.pk for image in article.images.all()] == [figure.pk]  # the body's reference
    (revision,) = Revision.objects.all()
    assert Version.objects.filter(revision=revision).count() == 1 + 1 + 1
