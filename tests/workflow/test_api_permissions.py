"""Each role × each write in the API: the admin's rules, refused with 403 and a reason."""

import pytest
from rest_framework.test import APIClient

from articles.api import conditional
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ROLES = ["Contributor", "Editor", "Administrator"]
# action: (whose article, status, request data, allowed per role, reason when refused)
MATRIX = {
    "edit own draft": ("own", "draft", {"headline": "New"}, (True, True, True), ""),
    "edit a colleague's draft": (
        "other",
        "draft",
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
        published_at=None,
        created_by=user if whose == "own" else colleague,
        headline="Old",
    )
    api = APIClient()
    api.force_authenticate(user)
    path = f"/api/v1/articles/{article.pk}/"
    headers = {"HTTP_IF_MATCH": conditional.article_etag(article)}

    if data is None:
        response = api.delete(path, **headers)
    else:
        response = api.patch(path, data, format="json", **headers)

    if allowed[role_index]:
        assert response.status_code in (200, 204), response.content
    else:
        assert response.status_code == 403
        assert reason in response.json()["detail"]
        assert Article.objects.get(pk=article.pk).headline == "Old"


def test_a_contributor_cannot_create_an_article_already_published(member):
    api = APIClient()
    api.force_authenticate(member("Contributor"))

    response = api.post("/api/v1/articles/", {"status": "published"}, format="json")

    assert response.status_code == 403
    assert "Only an editor" in response.json()["detail"]
