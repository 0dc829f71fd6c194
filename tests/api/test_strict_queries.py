"""Queries the API cannot honour as written are a 400, never quietly read another way."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fields", ["", ",", " , "])
def test_an_empty_fieldset_is_a_400_not_empty_objects(api, fields):
    ArticleFactory()
    response = api.get("/api/v1/articles/", {"fields": fields})
    assert response.status_code == 400
    assert "fields" in response.json()["errors"]


def test_a_repeated_fieldset_is_a_400(api):
    response = api.get("/api/v1/articles/?fields=id&fields=headline")
    assert response.status_code == 400 and "fields" in response.json()["errors"]


@pytest.mark.parametrize("page", ["0", "1", "2"])
def test_a_page_number_beside_a_cursor_is_a_400(api, page):
    ArticleFactory.create_batch(3)
    response = api.get("/api/v1/articles/", {"cursor": "", "page": page, "page-size": 1})
    assert response.status_code == 400
    assert "not both" in str(response.json()["errors"]["page"])


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/articles/?page=1&page=2",
        "/api/v1/articles/?page-size=1&page-size=2",
        "/api/v1/articles/?cursor=&cursor=",
        "/api/v1/tags/?page=1&page=2",
        "/api/v1/people/?page=1&page=1",
    ],
)
def test_a_repeated_paging_parameter_is_a_400(api, query):
    ArticleFactory()
    response = api.get(query)
    assert response.status_code == 400
    assert "Give it once." in str(response.json()["errors"])


@pytest.mark.parametrize("lang", ["-58800", "xx", "en-gb&lang=fr"])
def test_the_schema_refuses_a_language_it_does_not_list(client, lang):
    response = client.get(f"/api/schema/?lang={lang}")
    assert response.status_code == 400
    assert "lang" in response.json()["errors"]


def test_the_schema_still_answers_in_a_language_it_lists(client, settings):
    code = settings.LANGUAGE_CODE
    assert code in dict(settings.LANGUAGES)
    assert client.get("/api/schema/", {"lang": code}).status_code == 200
