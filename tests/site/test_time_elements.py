"""Every <time datetime> on a page is a valid HTML date and time, as validators read it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# HTML Living Standard, 2.3.5.5 "valid global date and time string": a date, "T" or a space,
# a time (seconds optional, at most three fraction digits) and "Z" or an offset, colon optional.
GLOBAL_DATE_AND_TIME = re.compile(
    r"\d{4,}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)\Z"
)
DATETIME_ATTRIBUTE = re.compile(r'<time datetime="([^"]*)"')


def datetimes_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return DATETIME_ATTRIBUTE.findall(response.text)


def test_lists_and_articles_give_times_to_the_second_with_an_offset(client):
    published = timezone.now().replace(microsecond=123456) - timedelta(hours=2)
    article = ArticleFactory(published_at=published)
    Correction.objects.create(
        article=article, text="A date was wrong.", created_at=published + timedelta(minutes=5)
    )
    found = datetimes_on(client, "/") + datetimes_on(client, article.get_absolute_url())
    assert len(found) >= 3
    invalid = [value for value in found if not GLOBAL_DATE_AND_TIME.match(value)]
    assert invalid == []
