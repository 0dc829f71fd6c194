"""The failures an outside attack found, each reproduced: every one is now a clear 4xx."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Section, Tag
from articles.services.writing import RELATION_LIMITS
from people.models import Person
from tests.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

ODD_TAG_NAMES = ["中文標籤", "é" * 100, "Ünïcödé – 香港"]


def create_article(client, **fields):
    section = Section.objects.filter(slug="news").first() or SectionFactory(slug="news")
    data = {"headline": "Harbour notes", "section": section.slug, "status": "published"}
    data["publish_anyway"] = True  # no byline or picture: these tests are about tags
    return client.post("/api/v1/articles/", {**data, **fields}, format="json")


@pytest.mark.parametrize("name", ODD_TAG_NAMES)
def test_a_tag_named_in_any_script_works_on_every_page_that_shows_it(client, editor_api, name):
    response = create_article(editor_api, tags=[{"name": name}])
    assert response.status_code == 201, response.json()
    tag = Tag.objects.get(name=name)
    article = Article.objects.get(pk=response.json()["id"])
    assert tag.slug
    urls = [
        "/api/v1/tags/",
        f"/api/v1/tags/{tag.pk}/",
        f"/api/v1/tags/{tag.slug}/",
        tag.get_absolute_url(),
        article.get_absolute_url(),
        "/sitemap-topics.xml",
        f"/api/v1/articles/{article.pk}/ninjs/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_tag_name_without_a_letter_or_digit_is_a_400(editor_api):
    response = create_article(editor_api, tags=[{"name": "!!!"}])
    assert response.status_code == 400
    assert "tags" in response.json()["errors"]
    assert not Article.objects.exists()


def test_a_tag_slug_cannot_be_emptied(editor_api):
    tag = TagFactory(slug="ferries")
    response = editor_api.patch(f"/api/v1/tags/{tag.slug}/", {"slug": ""}, format="json")
    assert response.status_code == 400
    tag.refresh_from_db()
    assert tag.slug == "ferries"


def test_a_contributor_picks_existing_tags_but_creates_none(contributor_api):
    TagFactory(name="Ferries")
    picked = create_article(contributor_api, status="draft", tags=[{"name": "ferries"}])
    assert picked.status_code == 201, picked.json()
    refused = create_article(
        contributor_api, status="draft", tags=[{"name": "New", "kind": "organisation"}]
    )
    assert refused.status_code == 403
    assert "Only an editor can create tags" in refused.json()["detail"]
    assert not Tag.objects.filter(name="New").exists()
    assert Article.objects.count() == 1


@pytest.mark.parametrize("relation", ["tags", "bylines", "mentions"])
def test_more_relations_than_the_limit_is_a_400_and_writes_nothing(editor_api, relation):
    too_many = RELATION_LIMITS[relation] + 1
    Person.objects.bulk_create(
        Person(full_name=f"Person {n}", slug=f"person-{n}") for n in range(too_many)
    )
    rows = {
        "tags": [{"name": f"topic {n}"} for n in range(too_many)],
        "bylines": [{"person": f"person-{n}"} for n in range(too_many)],
        "mentions": [{"person": f"person-{n}"} for n in range(too_many)],
    }[relation]
    response = create_article(editor_api, **{relation: rows})
    assert response.status_code == 400
    assert relation in response.json()["errors"]
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


def test_as_many_relations_as_the_limit_are_written(editor_api):
    limit = RELATION_LIMITS["mentions"]
    Person.objects.bulk_create(
        Person(full_name=f"Person {n}", slug=f"person-{n}") for n in range(limit)
    )
    mentions = [{"person": f"person-{n}"} for n in range(limit)]
    response = create_article(editor_api, mentions=mentions)
    assert response.status_code == 201
    assert Article.objects.get().mentions.count() == limit


@pytest.mark.parametrize("cursor", ["cD0yMDI0", "cD05OTk5OS0wMS0wMQ==", "cj1ub3Q="])
def test_a_forged_cursor_is_a_404_not_a_server_error(api, cursor):
    ArticleFactory()
    response = api.get("/api/v1/articles/", {"cursor": cursor})
    assert response.status_code == 404
    assert response.json()["detail"] == "Invalid cursor"


@pytest.mark.parametrize(
    "dates",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ],
)
def test_search_dates_beyond_the_archive_are_refused_with_a_message(client, dates):
    ArticleFactory(headline="Hong Kong harbour")
    response = client.get(reverse("search:search"), {"q": "hong kong", **dates})
    assert response.status_code == 200
    assert "Give a date" in response.text


@pytest.mark.parametrize("dates", [{"from-date": "9999-12-31"}, {"to-date": "0001-01-01"}])
def test_api_date_filters_at_the_calendar_edges_answer(api, dates):
    ArticleFactory()
    response = api.get("/api/v1/articles/", dates)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("lookup", ["³", "٣", "1" * 30])
def test_a_lookup_that_looks_numeric_to_python_but_is_no_id_is_a_404(editor_api, lookup):
    response = editor_api.patch(f"/api/v1/sections/{lookup}/", {"name": "x"}, format="json")
    assert response.status_code == 404


DEEP_JSON = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_json_is_a_400_from_the_api(editor_api):
    response = editor_api.post("/api/v1/articles/", DEEP_JSON, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_deeply_nested_json_is_refused_by_the_ninjs_import_in_the_admin_and_the_command(
    editor_client, tmp_path, capsys
):
    url = reverse("admin:articles_article_import")
    response = editor_client.post(url, {"text": DEEP_JSON, "format": "ninjs"})
    assert response.status_code == 200
    assert "nested too deeply" in response.text

    source = tmp_path / "deep.json"
    source.write_text(DEEP_JSON)
    with pytest.raises(CommandError, match="could not be imported"):
        call_command("import_article", str(source), "--format", "ninjs")
    assert "nested too deeply" in capsys.readouterr().err
    assert not Article.objects.exists()


def test_an_oversized_api_body_is_a_json_413(editor_api, settings):
    body = '{"headline": "Harbour", "body": "' + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + '"}'
    response = editor_api.post("/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 413
    assert "MB the API accepts" in response.json()["detail"]
    assert not Article.objects.exists()


def test_an_oversized_form_gets_a_page_that_says_so(editor_client, settings):
    text = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = editor_client.post(reverse("admin:articles_article_import"), {"text": text})
    assert response.status_code == 413
    assert "too much to send at once" in response.text
    assert not Article.objects.exists()


NUL_DOORS = [
    (
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "articleimage", "field_name": "image"},
        "term",
    ),
    ("/admin/articles/article/", {}, "q"),
    ("/admin/people/person/", {}, "q"),
    ("/admin/articles/article/", {}, "section__id__exact"),
    ("/search/", {}, "q"),
    ("/api/v1/articles/", {}, "q"),
    ("/api/v1/people/", {}, "name"),
]


@pytest.mark.parametrize(("path", "params", "key"), NUL_DOORS)
def test_a_nul_character_in_a_query_is_a_400_on_every_door(editor_client, path, params, key):
    response = editor_client.get(path, {**params, key: "ferry\x00"})
    assert response.status_code == 400
    assert "NUL" in response.text
