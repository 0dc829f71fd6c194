"""Each role × each write in the API: the admin's rules, refused with 403 and a reason.

An article the caller may not even read (a colleague's draft, for a contributor) answers 404
to an edit as to a read: the answer tells nothing of it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from core.api import conditional
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
ROLES = ["Contributor", "Editor", "Administrator"]
NEXT_WEEK = (timezone.now() + timedelta(days=7)).isoformat()
# action: (whose article, status, request data, allowed per role, reason when refused)
MATRIX = {
    "edit own draft": ("own", "draft", {"headline": "New"}, (True, True, True), ""),
    "edit a colleague's draft": ("other", "draft", {"headline": "New"}, (False, True, True), 404),
    "edit a colleague's published article": (
        "other",
        "published",
        {"headline": "New"},
        (False, True, True),
        "only their own",
    ),
    "edit own article in review": (
        "own",
        "review",
        {"headline": "New"},
        (False, True, True),
        "no longer a draft",
    ),
    "publish own draft": (
        "own",
        "draft",
        {"status": "published", "published_at": "2026-01-01T08:00:00Z"},
        (False, True, True),
        "Only an editor",
    ),
    "submit own draft for review": ("own", "draft", {"status": "review"}, (True, True, True), ""),
    "schedule own draft": (
        "own",
        "draft",
        {"published_at": NEXT_WEEK},
        (False, True, True),
        "Only an editor",
    ),
    "return own article in review to draft": (
        "own",
        "review",
        {"status": "draft"},
        (False, True, True),
        "no longer a draft",
    ),
    "unpublish own live article": (
        "own",
        "published",
        {"status": "unpublished"},
        (False, True, True),
        "no longer a draft",
    ),
    # A contributor may delete nothing: the same 403 for any id, so it tells nothing either.
    "delete a colleague's draft": ("other", "draft", None, (False, True, True), "permission"),
}


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
@pytest.mark.parametrize("action", MATRIX)
def test_each_role_may_write_exactly_what_the_matrix_says(member, action, role_index, role):
    whose, status, data, allowed, reason = MATRIX[action]
    user = member(role)
    colleague = member("Contributor", "colleague")
    article = ArticleFactory(
        status=status,
        published_at=timezone.now() - timedelta(hours=1) if status == "published" else None,
        created_by=user if whose == "own" else colleague,
        headline="Old",
    )
    api = APIClient()
    api.force_authenticate(user)
    path = f"/api/v1/articles/{article.pk}/"
    headers = {"HTTP_IF_MATCH": conditional.version_etag(article)}

    if data is None:
        response = api.delete(path, **headers)
    else:
        response = api.patch(path, data, format="json", **headers)

    if allowed[role_index]:
        assert response.status_code in (200, 204), response.content
    else:
        if reason == 404:
            assert response.status_code == api.get(path).status_code == 404
        else:
            assert response.status_code == 403
            assert reason in response.json()["detail"]
        stored = Article.objects.get(pk=article.pk)
        assert (stored.headline, stored.status) == ("Old", status)
        assert not stored.events.exists()


@pytest.mark.parametrize("status", ["published", "unpublished"])
def test_a_contributor_cannot_create_an_article_already_published(member, status):
    api = APIClient()
    api.force_authenticate(member("Contributor"))
    data = {"headline": "Ferries", "section": SectionFactory().slug, "status": status}

    response = api.post("/api/v1/articles/", data, format="json")

    assert response.status_code == 403
    assert "Only an editor" in response.json()["detail"]
    # The refusal comes after the content was saved, inside the same transaction.
    assert not Article.objects.exists()


def test_a_contributor_reads_their_own_drafts_in_the_api_but_not_a_colleagues(
    contributor, member, own_draft
):
    colleague_draft = ArticleFactory(draft=True, created_by=member("Contributor", "colleague"))
    published = ArticleFactory()
    client = APIClient()
    client.force_authenticate(contributor)
    listed = {item["id"] for item in client.get("/api/v1/articles/").json()["results"]}
    assert listed == {own_draft.pk, published.pk}
    assert client.get(f"/api/v1/articles/{colleague_draft.pk}/").status_code == 404


def test_an_api_edit_is_recorded_as_a_revision_by_its_author(newsroom_editor):
    from articles.services.revisions import versions_of

    article = ArticleFactory()
    client = APIClient()
    client.force_authenticate(newsroom_editor)
    response = client.patch(
        f"/api/v1/articles/{article.pk}/",
        {"headline": "Ferries resume"},
        format="json",
        HTTP_IF_MATCH=conditional.version_etag(article),
    )
    assert response.status_code == 200, response.json()
    assert versions_of(article).first().revision.user == newsroom_editor
