"""In development absolute URLs follow the address served; in production, SITE_URL."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SERVED = "127.0.0.1:8200"


@pytest.fixture
def story(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    settings.PAGE_CACHE = False
    return ArticleFactory()


def addresses(client, story) -> dict[str, str]:
    api = reverse("api:article-detail", kwargs={"pk": story.pk})
    return {
        "page": client.get(story.get_absolute_url(), HTTP_HOST=SERVED).text,
        "feed": client.get(reverse("articles:feed-latest"), HTTP_HOST=SERVED).text,
        "api": client.get(api, HTTP_HOST=SERVED).text,
    }


def test_in_development_canonical_links_feeds_and_the_api_use_the_served_address(
    client, settings, story
):
    settings.DEBUG = True
    served = f"http://{SERVED}{story.get_absolute_url()}"
    found = addresses(client, story)
    assert f'<link rel="canonical" href="{served}">' in found["page"]
    assert served in found["feed"]
    assert served in found["api"]
    assert "news.example.org" not in "".join(found.values())


def test_in_production_pages_and_the_api_use_site_url(client, settings, story):
    settings.DEBUG = False
    production = f"https://news.example.org{story.get_absolute_url()}"
    found = addresses(client, story)
    assert f'<link rel="canonical" href="{production}">' in found["page"]
    assert production in found["api"]
    assert SERVED not in found["page"] + found["api"]
