"""Every page leads somewhere: the archive names only months with articles, the navigation
only sections with articles, and the 404 page offers search and the latest stories."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def at(year, month, day=10):
    return datetime(year, month, day, 12, tzinfo=UTC)


def test_the_archive_index_lists_the_years_and_months_that_have_articles(client):
    ArticleFactory(published_at=at(2024, 11))
    ArticleFactory(published_at=at(2025, 2))
    ArticleFactory(published_at=at(2025, 2, 20))
    ArticleFactory(published_at=at(2025, 6), draft=True)
    response = client.get(reverse("articles:archive-index"))
    assert response.status_code == 200
    months = [(year, [m.month for m in found]) for year, found in response.context["years"]]
    assert months == [(2025, [2]), (2024, [11])]
    assert 'href="/archive/2025/2/"' in response.text
    assert 'href="/archive/2025/6/"' not in response.text


def test_every_page_links_the_archive_index_from_its_footer(client):
    assert f'href="{reverse("articles:archive-index")}"' in client.get("/").text


def test_a_month_links_only_to_the_nearest_months_with_articles(client):
    ArticleFactory(published_at=at(2024, 9))
    ArticleFactory(published_at=at(2025, 3))
    ArticleFactory(published_at=at(2025, 8))
    ArticleFactory(published_at=at(2025, 5), draft=True)
    text = client.get("/archive/2025/3/").text
    assert 'href="/archive/2024/9/"' in text and 'href="/archive/2025/8/"' in text
    for empty in ("/archive/2025/2/", "/archive/2025/4/", "/archive/2025/5/"):
        assert f'href="{empty}"' not in text


def test_a_future_month_is_404(client):
    next_month = (timezone.localdate().replace(day=28) + timedelta(days=4)).replace(day=1)
    ArticleFactory(published_at=timezone.now() + timedelta(days=40))  # scheduled
    assert client.get(f"/archive/{next_month.year}/{next_month.month}/").status_code == 404


def test_a_section_without_public_articles_is_not_in_the_navigation(client):
    live, empty, waiting = SectionFactory(name="Harbour"), SectionFactory(), SectionFactory()
    ArticleFactory(section=SectionFactory(parent=SectionFactory(parent=live)))
    ArticleFactory(section=waiting, draft=True)
    text = client.get("/").text
    nav = text[text.index('aria-label="Sections"') : text.index("</nav>")]
    assert live.get_absolute_url() in nav
    assert empty.get_absolute_url() not in nav and waiting.get_absolute_url() not in nav


def test_the_404_page_offers_search_and_the_latest_stories(client):
    story = ArticleFactory(headline="Ferry pier reopens")
    hidden = ArticleFactory(headline="Embargoed draft", draft=True)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    text = response.text
    assert f'action="{reverse("search:search")}"' in text and 'id="not-found-q"' in text
    assert f'href="{story.get_absolute_url()}"' in text
    assert hidden.headline not in text
