"""Preview from the article's page: the reader's view, the social card and the search snippet."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import CONTRIBUTOR, EDITOR
from tests.factories import ArticleFactory, ArticleImageFactory, ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name: str, article) -> str:
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def test_a_draft_s_page_offers_preview(client, sign_in):
    contributor = sign_in(CONTRIBUTOR)
    draft = ArticleFactory(draft=True, created_by=contributor)
    html = client.get(url("change", draft)).content.decode()
    assert f'href="{url("form_preview", draft)}"' in html


def test_the_preview_shows_the_social_card_and_the_search_snippet(client, sign_in):
    sign_in(EDITOR)
    draft = ArticleFactory(
        draft=True,
        headline="Night ferries return to the outlying islands after a decade",
        standfirst="Operators restore the late sailings from May.",
        seo_title="Night ferries return",
    )
    ArticleImageFactory(article=draft, image=ImageFactory(), is_lead=True)
    response = client.get(url("form_preview", draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Night ferries return</strong>" in html  # the card's title is the SEO title
    assert "Operators restore the late sailings from May." in html
    assert 'class="social-card__image"' in html
    assert f"{draft.section.slug} › {draft.pk}" in html  # the snippet's address
    assert f'src="{url("reader_view", draft)}"' in html


def test_the_reader_s_view_is_the_public_page_never_indexed_nor_cached(client, sign_in):
    sign_in(EDITOR)
    draft = ArticleFactory(draft=True, headline="Tram depot to become a park")
    response = client.get(url("reader_view", draft))
    assert response.status_code == 200
    assert b"Tram depot to become a park</h1>" in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_contributor_cannot_preview_someone_else_s_article(client, sign_in):
    sign_in(CONTRIBUTOR)
    other = ArticleFactory(draft=True, created_by=UserFactory())
    assert client.get(url("form_preview", other)).status_code == 404
    assert client.get(url("reader_view", other)).status_code == 404


@pytest.mark.parametrize(
    ("fields", "offered"),
    [
        ({"status": Article.Status.DRAFT, "published_at": None}, False),
        ({"published_at": timezone.now() + timedelta(days=1)}, False),
        ({"status": Article.Status.UNPUBLISHED}, False),
        ({}, True),
    ],
    ids=["draft", "scheduled", "taken-down", "live"],
)
def test_view_on_site_is_offered_only_for_a_public_article(client, sign_in, fields, offered):
    sign_in(EDITOR)
    article = ArticleFactory(**fields)
    html = client.get(url("change", article)).content.decode()
    assert ("View on site" in html) is offered
