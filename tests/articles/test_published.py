from datetime import UTC as utc
from datetime import datetime, timedelta

import pytest
import time_machine

from articles.models import Article
from tests.factories import ArticleFactory

PUBLISH_AT = datetime(2026, 3, 10, 9, 0, tzinfo=utc)


@pytest.fixture
def scheduled(db):
    return ArticleFactory(published_at=PUBLISH_AT)


def test_it_is_hidden_one_second_before_its_publish_time(scheduled):
    with time_machine.travel(PUBLISH_AT - timedelta(seconds=1), tick=False):
        assert scheduled not in Article.objects.published()
        assert not scheduled.is_public


def test_it_is_public_at_its_publish_time(scheduled):
    with time_machine.travel(PUBLISH_AT, tick=False):
        assert scheduled in Article.objects.published()
        assert scheduled.is_public


@pytest.mark.parametrize("status", ["draft", "review", "unpublished"])
def test_it_hides_every_status_but_published(db, status):
    article = ArticleFactory(status=status)
    assert article not in Article.objects.published()


def test_in_section_includes_subsections_down_to_three_levels(db):
    from tests.factories import SectionFactory

    news = SectionFactory()
    city = SectionFactory(parent=news)
    politics = SectionFactory(parent=city)
    articles = [ArticleFactory(section=s) for s in (news, city, politics)]
    elsewhere = ArticleFactory()
    found = set(Article.objects.in_section(news))
    assert found == set(articles)
    assert elsewhere not in found
    assert set(Article.objects.in_section(city)) == set(articles[1:])


def test_by_author_lists_an_article_once_even_with_two_roles(db):
    from tests.factories import BylineFactory

    byline = BylineFactory()
    BylineFactory(article=byline.article, person=byline.person, role="photographer")
    assert list(Article.objects.by_author(byline.person)) == [byline.article]
