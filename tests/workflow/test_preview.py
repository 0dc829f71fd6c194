"""Previews of any revision: public template, noindex, never cached; signed links expire."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from articles import preview
from articles.services.revisions import save_with_revision, versions_of
from tests.factories import ArticleFactory

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


def test_a_tampered_link_is_not_found(client, draft_version):
    _, version = draft_version
    token = preview.share_token(version)
    forged = token.replace(f"{version.pk}:", f"{version.pk + 1}:", 1)

    assert client.get(reverse("article-preview", args=[forged])).status_code == 404


def test_the_draft_itself_stays_hidden_from_readers(client, draft_version):
    article, _ = draft_version

    assert client.get(article.get_absolute_url()).status_code == 404
