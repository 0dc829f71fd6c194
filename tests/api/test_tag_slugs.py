from urllib.parse import urlsplit

import pytest

from articles.models import Tag
from tests.factories import TagFactory, shown_in_public

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_api(client, editor):
    client.force_login(editor)
    return client


def post_tag(client, **data):
    return client.post("/api/v1/tags/", data, content_type="application/json")


def test_a_tag_named_only_in_punctuation_needs_a_slug(editor_api):
    response = post_tag(editor_api, name="¿?", kind="topic")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]
    assert not Tag.objects.exists()


def test_a_tag_gets_a_readable_slug_in_its_own_script_that_its_url_accepts(editor_api):
    response = post_tag(editor_api, name="Harbour Café 港", kind="place")
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "harbour-café-港"
    web_url = response.json()["web_url"]
    assert web_url.endswith("/topic/harbour-caf%C3%A9-%E6%B8%AF/")
    shown_in_public(Tag.objects.get(slug="harbour-café-港"))  # a topic page needs a public article
    assert editor_api.get(urlsplit(web_url).path).status_code == 200


def test_a_generated_slug_that_is_taken_is_refused_naming_the_field(editor_api):
    TagFactory(name="Ferries", slug="harbour-ferries")
    response = post_tag(editor_api, name="Harbour ferries!", kind="topic")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]
