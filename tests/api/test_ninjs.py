"""The ninjs export is valid IPTC ninjs 2.4 and carries the article."""

import copy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles.api.ninjs import article_to_ninjs
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    MentionFactory,
    TagFactory,
    TaggedArticleFactory,
)

from .ninjs_checker import ninjs_errors as errors

pytestmark = pytest.mark.django_db


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


def broken(change) -> dict:
    """Return a valid ninjs document with one `change` applied to a deep copy."""
    item = copy.deepcopy(VALID)
    change(item)
    return item


VALID = {
    "uri": "https://news.example/api/v1/articles/1/",
    "standard": {"name": "ninjs", "version": "2.4", "schema": "http://www.iptc.org/x.json"},
    "type": "text",
    "pubstatus": "usable",
    "firstcreated": "2025-01-02T03:04:05+08:00",
    "headlines": [{"role": "main", "value": "Ferries resume"}],
    "subjects": [{"name": "Transport", "relevance": 90}],
    "renditions": [{"name": "web", "href": "https://news.example/a/", "width": 640}],
    "associations": [{"name": "lead-image", "uri": "https://news.example/i/1", "type": "picture"}],
}
BROKEN = {
    "no uri": lambda item: item.pop("uri"),
    "a relative uri": lambda item: item.update(uri="/api/v1/articles/1/"),
    "an unknown type": lambda item: item.update(type="article"),
    "an unknown pubstatus": lambda item: item.update(pubstatus="maybe"),
    "an unknown property": lambda item: item.update(unknown=1),
    "a date without offset": lambda item: item.update(firstcreated="2025-01-02T03:04:05"),
    "a date only": lambda item: item.update(versioncreated="2025-01-02"),
    "urgency out of range": lambda item: item.update(urgency=10),
    "a headline without value": lambda item: item["headlines"][0].pop("value"),
    "headlines not a list": lambda item: item.update(headlines={"value": "x"}),
    "a person with extra members": lambda item: item.update(people=[{"name": "A", "age": 3}]),
    "a subject relevance over 100": lambda item: item["subjects"][0].update(relevance=101),
    "a rendition without name": lambda item: item["renditions"][0].pop("name"),
    "a rendition width as text": lambda item: item["renditions"][0].update(width="640"),
    "an association without uri": lambda item: item["associations"][0].pop("uri"),
    "an association of an unknown type": lambda item: item["associations"][0].update(type="x"),
    "a standard with extra members": lambda item: item["standard"].update(extra="x"),
}


def test_the_checker_accepts_a_valid_document():
    assert errors(VALID) == []


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_the_checker_rejects_a_broken_document(change):
    assert len(errors(broken(change))) == 1


CREATED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_firstcreated_is_when_the_article_was_created():
    with time_machine.travel(CREATED, tick=False):
        article = ArticleFactory(published_at=CREATED)
    with time_machine.travel(CREATED + timedelta(days=3), tick=False):
        article.save()

    item = article_to_ninjs(article)

    assert datetime.fromisoformat(item["firstcreated"]) == CREATED
    assert datetime.fromisoformat(item["versioncreated"]) == CREATED + timedelta(days=3)


def test_versioncreated_of_a_scheduled_article_is_its_publication_not_its_last_save():
    publication = CREATED + timedelta(days=1)
    with time_machine.travel(CREATED, tick=False):
        article = ArticleFactory(published_at=publication, status=Article.Status.PUBLISHED)

    with time_machine.travel(publication + timedelta(hours=5), tick=False):
        item = article_to_ninjs(Article.objects.get(pk=article.pk))

    assert datetime.fromisoformat(item["firstcreated"]) == CREATED
    assert datetime.fromisoformat(item["versioncreated"]) == publication
