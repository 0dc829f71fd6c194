"""ETag and Last-Modified on every GET, and 304 for clients that are up to date."""

import pytest
from django.utils.http import http_date

from tests.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(db):
    article = ArticleFactory()
    person = BylineFactory(article=article).person
    return [
        "/api/v1/articles/",
        f"/api/v1/articles/{article.pk}/",
        f"/api/v1/articles/{article.pk}/ninjs/",
        "/api/v1/sections/",
        f"/api/v1/sections/{article.section.slug}/",
        "/api/v1/tags/",
        "/api/v1/people/",
        f"/api/v1/people/{person.slug}/",
    ]


def test_every_get_carries_an_etag_and_last_modified(api, urls):
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, url
        assert response["ETag"], url
        assert response["Last-Modified"], url


def test_if_none_match_with_the_current_etag_answers_304(api, urls):
    for url in urls:
        etag = api.get(url)["ETag"]
        response = api.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, url
        assert response.content == b""


def test_if_modified_since_the_last_modification_answers_304(api, urls):
    for url in urls:
        last_modified = api.get(url)["Last-Modified"]
        assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304, url


def test_an_article_modified_after_the_date_is_sent_again(api):
    article = ArticleFactory()
    url = f"/api/v1/articles/{article.pk}/"
    before = http_date(article.updated_at.timestamp() - 60)

    assert api.get(url, HTTP_IF_MODIFIED_SINCE=before).status_code == 200


def test_a_changed_list_gets_a_new_etag(api):
    article = ArticleFactory()
    etag = api.get("/api/v1/articles/")["ETag"]
    article.headline = "A corrected headline"
    article.save()

    response = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_article_etag_follows_its_version(api):
    article = ArticleFactory()

    etag = api.get(f"/api/v1/articles/{article.pk}/")["ETag"]

    assert etag.startswith(f'W/"{article.pk}-{article.version}-')


def test_if_match_star_is_refused_where_a_version_is_required(editor_api):
    article = ArticleFactory(headline="Old")
    path = f"/api/v1/articles/{article.pk}/"
    for send in (editor_api.patch, editor_api.put):
        response = send(path, {"headline": "New"}, format="json", HTTP_IF_MATCH="*")
        assert response.status_code == 428
        assert "names no version" in response.json()["detail"]
    article.refresh_from_db()
    assert article.headline == "Old"
