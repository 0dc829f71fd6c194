"""Articles in the API: the plain data builder gives the JSON the declared serializers describe.

The serializers declare each field (the OpenAPI schema comes from them) but no longer build
the data; these tests run DRF's own field-by-field representation of the same declaration and
require byte-for-byte the same JSON from `articles/api/representation.py`.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_script_prefix, set_script_prefix
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from articles.api.loading import shown_articles
from articles.api.representation import Addresses
from articles.api.serializers import ArticleDetailSerializer, ArticleSerializer
from articles.models import Article, Correction
from articles.services.related import related_cards
from core.site import absolute_url
from images.models import Rendition
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    PersonFactory,
    RelatedArticleFactory,
    SectionFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """Return an article with every field and relation filled, in several scripts."""
    world = SectionFactory(slug="world", name="World")
    asia = SectionFactory(slug="asia", name="Asia", parent=world)
    hong_kong = SectionFactory(slug="香港", name="香港", parent=asia)
    article = ArticleFactory(
        section=hong_kong, slug="渡輪-改道", kicker="Transport", dateline="HONG KONG",
        source_name="Wire", source_url="https://wire.example/1", copyright_line="© Wire",
        origin=Article.Origin.SYNDICATED,
    )  # fmt: skip
    BylineFactory(article=article, person=PersonFactory(slug="陳美玲", short_name=""))
    MentionFactory(article=article, count=3)
    TaggedArticleFactory(content_object=article, tag=TagFactory(slug="渡輪", name="渡輪"))
    TaggedArticleFactory(content_object=article, tag=TagFactory(kind="place"))
    library = ImageFactory()
    Rendition.objects.create(
        image=library, format="webp", spec="320w", width=320, height=160, file="r/1.webp"
    )
    ArticleImageFactory(article=article, image=library, caption="", is_lead=True)
    ArticleImageFactory(article=article)  # no file yet: its url is null
    Correction.objects.create(article=article, text="An earlier version misnamed the pier.")
    old = ArticleFactory(published_at=datetime(1900, 5, 1, tzinfo=UTC))  # local mean time
    RelatedArticleFactory(from_article=article, to_article=old)
    return article


def loaded(article: Article, serializer_class, only, *, many: bool) -> Article:
    """Return the article as the API loads it for an anonymous reader of these fields."""
    names = serializer_class(only=only).shown
    return shown_articles(AnonymousUser(), names=names, many=many).get(pk=article.pk)


def as_json(data) -> bytes:
    return JSONRenderer().render(data)


def declared(serializer, article: Article) -> bytes:
    """Return the JSON DRF's own fields make of the fields the serializer shows."""
    reference = type(serializer)(article, only=set(serializer.shown), context=serializer.context)
    return as_json(serializers.ModelSerializer.to_representation(reference, article))


@pytest.mark.parametrize(
    "only", [None, {"id", "body", "section"}, {"headline", "web_url", "tags", "images"}]
)
def test_a_list_item_is_what_the_article_serializer_declares(article, only):
    shown = loaded(article, ArticleSerializer, only, many=True)
    serializer = ArticleSerializer(shown, only=only)

    assert as_json(serializer.data) == declared(serializer, shown)


@pytest.mark.parametrize("only", [None, {"id", "corrections", "related", "updated_at"}])
def test_a_detail_is_what_the_detail_serializer_declares(article, only):
    shown = loaded(article, ArticleDetailSerializer, only, many=False)
    context = {"related": related_cards(shown)}
    serializer = ArticleDetailSerializer(shown, only=only, context=context)

    data = serializer.data

    assert as_json(data) == declared(serializer, shown)
    assert only is not None or data["related"][0]["published_at"].endswith("Z")


def test_a_list_item_leaves_the_body_out_unless_fields_names_it(api, article):
    listed = api.get("/api/v1/articles/").json()["results"]
    asked = api.get("/api/v1/articles/", {"fields": "id,body"}).json()["results"]

    assert all("body" not in item for item in listed)
    assert {"id", "headline", "section", "bylines", "tags"} <= set(listed[0])
    assert asked[0]["body"] == article.body


def test_the_detail_always_carries_the_body(api, article):
    assert api.get(f"/api/v1/articles/{article.pk}/").json()["body"] == article.body


def test_the_list_loads_no_body_and_no_biography(api, article):
    with CaptureQueriesContext(connection) as listing:
        api.get("/api/v1/articles/")
    with CaptureQueriesContext(connection) as asking:
        api.get("/api/v1/articles/", {"fields": "id,body"})

    def loaded_columns(captured):
        return " ".join(q["sql"] for q in captured if q["sql"].startswith("SELECT"))

    assert '"articles_article"."body"' not in loaded_columns(listing)
    assert '"articles_article"."body"' in loaded_columns(asking)
    assert "biography" not in loaded_columns(listing)


@pytest.fixture
def script_prefix():
    """Serve the site under /news/ for the test, as behind a proxy with SCRIPT_NAME."""
    before = get_script_prefix()
    set_script_prefix("/news/")
    yield
    set_script_prefix(before)


@pytest.mark.parametrize("prefixed", [False, True])
@pytest.mark.parametrize("slug", ["ferries", "渡輪-改道", "ä_b-1"])
def test_addresses_are_those_reverse_gives(request, slug, prefixed):
    if prefixed:
        request.getfixturevalue("script_prefix")
    article = ArticleFactory(slug=slug, section=SectionFactory(slug=f"s-{slug}"))
    person = PersonFactory(slug=slug)

    addresses = Addresses()

    assert addresses.article(article) == absolute_url(article.get_absolute_url())
    assert addresses.person(person) == absolute_url(person.get_absolute_url())
    assert ("/news/" in addresses.article(article)) is prefixed
