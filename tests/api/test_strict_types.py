"""JSON values of the wrong type are refused, not converted; HTML forms keep working."""

import pytest

from articles.models import Tag
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/tags/", {"name": "Harbour", "aliases": 0}, "aliases"),
        ("/api/v1/tags/", {"name": 7}, "name"),
        (
            "/api/v1/people/",
            {"full_name": "Chan Tai-man", "slug": "chan-tai-man", "needs_review": 0},
            "needs_review",
        ),
        (
            "/api/v1/people/",
            {"full_name": "Chan Tai-man", "slug": "chan-tai-man", "needs_review": "true"},
            "needs_review",
        ),
        ("/api/v1/sections/", {"name": "Harbour", "slug": "harbour", "position": "1"}, "position"),
    ],
)
def test_a_json_value_of_the_wrong_type_is_a_400_naming_the_field(editor_api, path, body, field):
    response = editor_api.post(path, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Tag.objects.exists() and not Person.objects.exists()


def test_a_form_still_sends_its_values_as_text(editor_api):
    body = {"full_name": "Chan Tai-man", "slug": "chan-tai-man", "needs_review": "true"}

    response = editor_api.post("/api/v1/people/", body, format="multipart")

    assert response.status_code == 201
    assert Person.objects.get().needs_review is True
