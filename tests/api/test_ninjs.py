"""The ninjs export is valid IPTC ninjs 2.x and carries the article."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from articles.api.ninjs import article_to_ninjs
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ninjs-schema_2.4.json").read_text())


def errors(item: dict) -> list[str]:
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(item)]


@pytest.fixture
def full_article(rich_article):
    article = rich_article(2, kicker="Transport", source_name="Wire", copyright_line="© Wire")
    for kind in ("place", "organisation", "series"):
        TaggedArticleFactory(content_object=article, tag=TagFactory(kind=kind))
    return article


def test_the_export_validates_against_the_ninjs_schema(api, full_article):
    item = api.get(f"/api/v1/articles/{full_article.pk}/ninjs/").json()

    assert errors(item) == []
    assert item["standard"]["version"].startswith("2.")


def test_the_schema_check_can_fail(full_article):
    item = article_to_ninjs(full_article)
    item["pubstatus"] = "maybe"
    item["unknown"] = 1

    assert len(errors(item)) == 2


def test_the_export_carries_headline_body_people_and_tags(full_article):
    item = article_to_ninjs(full_article)

    assert item["headlines"][0] == {"role": "main", "value": full_article.headline}
    assert item["bodies"][0]["value"] == full_article.body
    assert item["bodies"][0]["contenttype"] == "text/html"
    rels = [person["rel"] for person in item["people"]]
    assert rels.count("author") == 2 and rels.count("mentioned") == 2
    assert {"subjects", "places", "organisations"} <= set(item)
    assert len(item["associations"]) == 2
    assert item["pubstatus"] == "usable"
    assert item["infosources"][0]["name"] == "Wire"


def test_a_minimal_article_is_valid_too():
    article = ArticleFactory(standfirst="", kicker="")
    assert errors(article_to_ninjs(article)) == []


def test_images_keep_caption_credit_and_alt_text(full_article):
    picture = article_to_ninjs(full_article)["associations"][0]

    assert picture["type"] == "picture"
    assert picture["copyrightholder"] == "Masthead"
    roles = {d["role"] for d in picture["descriptions"]}
    assert roles == {"caption", "alternative-text"}


def test_people_are_named_with_their_slugs(full_article):
    person = BylineFactory(article=full_article).person
    MentionFactory(article=full_article)

    literals = [p["literal"] for p in article_to_ninjs(full_article)["people"]]

    assert person.slug in literals
