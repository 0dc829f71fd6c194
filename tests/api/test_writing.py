"""Writing through the API: the admin's permissions, validation and no lost updates."""

import pytest
from django.db.models import F
from rest_framework.test import APIClient

from articles.models import Article, Section, Tag
from core.api import conditional
from tests.factories import ArticleFactory, BylineFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


def new_article(**overrides) -> dict:
    section = SectionFactory(slug="news")
    person = PersonFactory(slug="mary-chan")
    return {
        "headline": "Ferries change course",
        "section": section.slug,
        "body": "<p>Routes change.</p>",
        "bylines": [{"person": person.slug, "role": "author"}],
        "mentions": [{"person": person.slug, "role_phrase": "a reporter", "count": 2}],
        "tags": [{"name": "Ferries", "kind": "topic"}],
        **overrides,
    }


def test_anonymous_clients_may_not_write(api):
    response = api.post("/api/v1/articles/", new_article(), format="json")

    assert response.status_code == 401
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "client_fixture", ["staff_without_permissions_api", "non_staff_with_permissions_api"]
)
def test_writing_needs_staff_status_and_the_model_permission(request, client_fixture):
    client = request.getfixturevalue(client_fixture)

    response = client.post("/api/v1/articles/", new_article(), format="json")

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_an_editor_creates_an_article_with_its_relations(editor_api, editor):
    response = editor_api.post("/api/v1/articles/", new_article(), format="json")

    assert response.status_code == 201, response.json()
    article = Article.objects.get()
    assert article.created_by == editor
    assert article.slug == "ferries-change-course"
    assert [b.person.slug for b in article.bylines.all()] == ["mary-chan"]
    assert article.mentions.get().count == 2
    assert Tag.objects.get(name="Ferries").kind == "topic"
    assert response["ETag"].startswith(f'W/"{article.pk}-1-')


def test_the_body_is_sanitised_whatever_the_client_sends(editor_api):
    body = '<p onclick="steal()">Hi<script>alert(1)</script></p><iframe src="x"></iframe>'

    response = editor_api.post("/api/v1/articles/", new_article(body=body), format="json")

    stored = Article.objects.get().body
    assert "script" not in stored and "onclick" not in stored and "iframe" not in stored
    assert response.json()["body"] == stored


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"section": "no-such-section"}, "section"),
        ({"bylines": [{"person": "nobody", "role": "author"}]}, "bylines"),
        ({"mentions": [{"person": "nobody"}]}, "mentions"),
        # PostgreSQL answers a NUL byte in a query with an error, so it must never get there.
        ({"mentions": [{"person": "no\u0000body"}]}, "mentions"),
        ({"section": "news\u0000"}, "section"),
        ({"bylines": [{"person": 7}]}, "bylines"),
        ({"tags": [{"name": "Ferries", "kind": "rumour"}]}, "tags"),
        ({"status": "published", "published_at": None}, "published_at"),
    ],
)
def test_invalid_references_are_a_400_that_names_the_field(editor_api, change, field):
    response = editor_api.post("/api/v1/articles/", new_article(**change), format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Article.objects.exists()


def test_an_unknown_tag_kind_is_refused_on_the_tags_endpoint_too(editor_api):
    response = editor_api.post("/api/v1/tags/", {"name": "Ferries", "kind": "rumour"})

    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def edit(client, article, etag=None, **changes):
    headers = {"HTTP_IF_MATCH": etag} if etag else {}
    return client.patch(f"/api/v1/articles/{article.pk}/", changes, format="json", **headers)


def test_a_change_without_if_match_is_a_428_and_changes_nothing(editor_api):
    article = ArticleFactory(headline="Original")

    response = edit(editor_api, article, headline="Changed")

    assert response.status_code == 428
    article.refresh_from_db()
    assert article.headline == "Original"


def test_a_change_with_the_current_etag_saves_and_moves_the_version_on(editor_api):
    article = ArticleFactory(headline="Original")
    etag = editor_api.get(f"/api/v1/articles/{article.pk}/")["ETag"]

    response = edit(editor_api, article, etag, headline="Changed")

    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Changed", 2)
    assert response["ETag"] != etag
    assert response.json()["version"] == 2


def test_a_stale_etag_is_a_412_and_nothing_changes(editor_api):
    article = ArticleFactory(headline="Original")
    etag = editor_api.get(f"/api/v1/articles/{article.pk}/")["ETag"]
    assert edit(editor_api, article, etag, headline="First editor").status_code == 200

    response = edit(editor_api, article, etag, headline="Second editor")

    assert response.status_code == 412
    article.refresh_from_db()
    assert (article.headline, article.version) == ("First editor", 2)


def test_put_also_requires_if_match(editor_api):
    article = ArticleFactory()
    payload = new_article()

    response = editor_api.put(f"/api/v1/articles/{article.pk}/", payload, format="json")

    assert response.status_code == 428


def test_of_two_writers_holding_the_same_version_only_one_wins(editor_api, monkeypatch):
    article = ArticleFactory(headline="Original")
    etag = editor_api.get(f"/api/v1/articles/{article.pk}/")["ETag"]
    check = conditional.check_if_match

    def check_then_lose_the_race(request, current):
        check(request, current)
        # Another writer with the same ETag commits between this check and the UPDATE.
        Article.objects.filter(pk=current.pk).update(version=F("version") + 1, headline="Other")

    monkeypatch.setattr(conditional, "check_if_match", check_then_lose_the_race)

    response = edit(editor_api, article, etag, headline="Lost update")

    assert response.status_code == 412
    article.refresh_from_db()
    # The stand-in writer ran inside this request's transaction, so the 412's rollback
    # undoes it too; what matters is that the losing headline was never stored.
    assert article.headline != "Lost update"


def test_deleting_a_person_with_bylines_is_a_409_not_a_crash(editor_api):
    person = BylineFactory().person

    response = editor_api.delete(f"/api/v1/people/{person.pk}/")

    assert response.status_code == 409
    assert type(person).objects.filter(pk=person.pk).exists()


def test_session_authentication_works_for_signed_in_editors(editor):
    client = APIClient(enforce_csrf_checks=False)
    client.force_login(editor)

    response = client.post("/api/v1/sections/", {"name": "Sport", "slug": "sport"})

    assert response.status_code == 201
    assert Section.objects.filter(slug="sport").exists()


def test_a_reserved_section_slug_is_a_400(editor_api):
    response = editor_api.post("/api/v1/sections/", {"name": "Admin", "slug": "admin"})

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]
