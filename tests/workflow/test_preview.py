"""Previews of any revision: public template, noindex, never cached; signed links expire."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import preview
from articles.models import Byline, Mention, TaggedArticle
from articles.services.revisions import save_with_revision, versions_of
from people.models import Person
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_version(contributor):
    article = ArticleFactory(draft=True, headline="Secret draft", created_by=contributor)
    save_with_revision(article=article, user=contributor, comment="First")
    return article, versions_of(article).get()


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_a_contributor_previews_a_revision_of_their_own_article(client, contributor, draft_version):
    article, version = draft_version
    client.force_login(contributor)

    response = client.get(reverse("admin:articles_article_preview", args=[article.pk, version.pk]))

    assert response.status_code == 200
    assert "Secret draft" in response.text
    assert_private(response)


def test_a_contributor_cannot_preview_a_colleagues_article(client, member, draft_version):
    article, version = draft_version
    client.force_login(member("Contributor", "someone-else"))

    response = client.get(reverse("admin:articles_article_preview", args=[article.pk, version.pk]))

    assert response.status_code == 404


def test_a_shared_link_works_for_anyone_until_it_expires(client, draft_version):
    _, version = draft_version
    link = preview.share_path(version)

    fresh = client.get(link)
    with time_machine.travel(timedelta(seconds=preview.max_age() + 1)):
        expired = client.get(link)

    assert fresh.status_code == 200 and "Secret draft" in fresh.text
    assert_private(fresh)
    assert expired.status_code == 410
    assert "Secret draft" not in expired.text


def test_a_shared_link_stops_working_once_the_article_is_taken_down(
    client, newsroom_editor, contributor
):
    from articles.services import publishing

    article = ArticleFactory(headline="Live then pulled", created_by=contributor)
    save_with_revision(article=article, user=contributor, comment="First")
    link = preview.share_path(versions_of(article).get())
    assert client.get(link).status_code == 200

    publishing.unpublish(article=article, user=newsroom_editor, note="Legal")

    pulled = client.get(link)
    assert pulled.status_code == 410 and "Live then pulled" not in pulled.text


def test_a_shared_link_stops_working_once_the_article_is_deleted(client, draft_version):
    article, version = draft_version
    link = preview.share_path(version)
    assert client.get(link).status_code == 200

    article.delete()

    gone = client.get(link)
    assert gone.status_code == 410 and "Secret draft" not in gone.text


def test_a_tampered_link_is_not_found(client, draft_version):
    _, version = draft_version
    token = preview.share_token(version)
    forged = token.replace(f"{version.pk}:", f"{version.pk + 1}:", 1)

    assert client.get(reverse("article-preview", args=[forged])).status_code == 404


def test_the_draft_itself_stays_hidden_from_readers(client, draft_version):
    article, _ = draft_version

    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.fixture
def relations_changed(newsroom_editor):
    """Return an article saved with one writer, person and topic, then with others."""
    article = ArticleFactory(draft=True, headline="Harbour plan")
    BylineFactory(article=article, person=PersonFactory(full_name="Ada Writer"))
    MentionFactory(article=article, person=PersonFactory(full_name="Olga Harbourmaster"))
    TaggedArticleFactory(content_object=article, tag=TagFactory(name="Ferries"))
    save_with_revision(article=article, user=newsroom_editor, comment="First")
    for model in (Byline, Mention):
        model.objects.filter(article=article).delete()
    TaggedArticle.objects.filter(content_object=article).delete()
    BylineFactory(article=article, person=PersonFactory(full_name="Ben Writer"))
    MentionFactory(article=article, person=PersonFactory(full_name="Piet Pilot"), position=1)
    MentionFactory(article=article, person=PersonFactory(full_name="Anna Mayor"), position=0)
    TaggedArticleFactory(content_object=article, tag=TagFactory(name="Bridges"))
    save_with_revision(article=article, user=newsroom_editor, comment="Second")
    return article


def preview_text(client, article, version) -> str:
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk, version.pk]))
    assert response.status_code == 200
    return response.text


def test_a_preview_shows_the_people_and_topics_of_its_revision(
    client, newsroom_editor, relations_changed
):
    newer, older = versions_of(relations_changed)
    client.force_login(newsroom_editor)

    old_page = preview_text(client, relations_changed, older)
    new_page = preview_text(client, relations_changed, newer)

    for name in ("Ada Writer", "Olga Harbourmaster", "Ferries"):
        assert name in old_page and name not in new_page
    for name in ("Ben Writer", "Piet Pilot", "Anna Mayor", "Bridges"):
        assert name in new_page and name not in old_page
    # Mentions keep their saved order, as on the public page.
    assert new_page.index("Anna Mayor") < new_page.index("Piet Pilot")


def test_a_preview_leaves_out_a_person_deleted_since(client, newsroom_editor, relations_changed):
    older = versions_of(relations_changed).last()
    client.force_login(newsroom_editor)
    Person.objects.get(full_name="Olga Harbourmaster").delete()

    page = preview_text(client, relations_changed, older)

    assert "Ada Writer" in page and "Olga Harbourmaster" not in page


def test_a_preview_takes_the_same_number_of_queries_however_many_people(
    client, newsroom_editor, empty_kept_pages
):
    client.force_login(newsroom_editor)

    def counted(people: int) -> int:
        empty_kept_pages()  # each preview renders the page's navigation afresh
        article = ArticleFactory(draft=True)
        for position in range(people):
            MentionFactory(article=article, position=position)
            TaggedArticleFactory(content_object=article)
        save_with_revision(article=article, user=newsroom_editor, comment="Saved")
        version = versions_of(article).get()
        with CaptureQueriesContext(connection) as queries:
            preview_text(client, article, version)
        return len(queries)

    assert counted(1) == counted(6)
