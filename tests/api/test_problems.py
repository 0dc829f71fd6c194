"""Every error the API answers is an RFC 9457 problem details document, as the schema says."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings

from articles.models import Article
from core.api.problems import MEDIA_TYPE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int, path: str) -> dict:
    """Check the media type and the members RFC 9457 defines; return the document."""
    assert response.status_code == status
    assert response["Content-Type"] == MEDIA_TYPE
    document = response.json()
    assert document["type"] == "about:blank"
    assert document["status"] == status
    assert document["title"] and document["detail"]
    assert document["instance"] == path
    return document


def test_invalid_fields_are_listed_under_errors(editor_api):
    response = editor_api.post("/api/v1/articles/", {"headline": ""}, format="json")

    document = assert_problem(response, 400, "/api/v1/articles/")
    assert {"headline", "section"} <= set(document["errors"])
    assert document["code"] == "invalid"


def test_a_field_named_status_does_not_clash_with_the_problems_status(editor_api):
    article = ArticleFactory()
    etag = editor_api.get(f"/api/v1/articles/{article.pk}/")["ETag"]
    path = f"/api/v1/articles/{article.pk}/"

    response = editor_api.patch(path, {"status": "nonsense"}, format="json", HTTP_IF_MATCH=etag)

    document = assert_problem(response, 400, path)
    assert document["status"] == 400 and "status" in document["errors"]


def test_a_wrong_token_is_a_401_problem_with_its_challenge(api):
    api.credentials(HTTP_AUTHORIZATION="Token wrong")

    response = api.get("/api/v1/articles/")

    assert_problem(response, 401, "/api/v1/articles/")
    assert response["WWW-Authenticate"] == "Token"


def test_an_anonymous_write_is_a_401_problem(api):
    response = api.post("/api/v1/tags/", {"name": "Harbour"}, format="json")

    assert_problem(response, 401, "/api/v1/tags/")


def test_a_missing_article_is_a_404_problem(api):
    assert_problem(api.get("/api/v1/articles/999/"), 404, "/api/v1/articles/999/")


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v1/articles/not-a-number/"])
def test_an_address_no_route_matches_is_a_404_problem_not_a_page(api, path):
    assert_problem(api.get(path), 404, path)


def test_a_forged_cursor_is_a_404_problem(api):
    path = "/api/v1/articles/"
    assert_problem(api.get(path, {"cursor": "cD0yMDI0"}), 404, path)


def test_a_missing_if_match_is_428_and_a_stale_one_412(editor_api):
    article = ArticleFactory()
    path = f"/api/v1/articles/{article.pk}/"

    missing = editor_api.patch(path, {"headline": "New"}, format="json")
    stale = editor_api.patch(path, {"headline": "New"}, format="json", HTTP_IF_MATCH='W/"1-0-0"')

    assert assert_problem(missing, 428, path)["code"] == "precondition_required"
    assert assert_problem(stale, 412, path)["code"] == "precondition_failed"
    assert Article.objects.get().headline == article.headline


def test_throttling_is_a_429_problem_with_retry_after(api):
    cache.clear()
    throttled = {**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}
    with override_settings(REST_FRAMEWORK=throttled):
        api.get("/api/v1/tags/")
        response = api.get("/api/v1/tags/")
    cache.clear()

    assert_problem(response, 429, "/api/v1/tags/")
    assert int(response["Retry-After"]) > 0


def test_an_oversized_body_is_a_413_problem(editor_api, settings):
    body = '{"headline": "' + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + '"}'

    response = editor_api.post("/api/v1/articles/", body, content_type="application/json")

    assert_problem(response, 413, "/api/v1/articles/")


def test_a_nul_in_the_query_is_a_400_problem(api):
    assert_problem(api.get("/api/v1/tags/", {"name": "a\x00"}), 400, "/api/v1/tags/")


def test_the_browsable_api_keeps_its_html_errors(api):
    response = api.get("/api/v1/articles/999/", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_write_the_account_may_not_make_is_a_403_problem(staff_without_permissions_api):
    response = staff_without_permissions_api.post("/api/v1/tags/", {"name": "Harbour"})

    assert_problem(response, 403, "/api/v1/tags/")
