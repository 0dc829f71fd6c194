"""Date-times in the API are RFC 3339, even before the newsroom's zone had standard time."""

import re
from datetime import UTC, datetime

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
RFC_3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.mark.parametrize("year", [1671, 1904, 2025])
def test_a_publication_time_is_written_as_rfc_3339(api, settings, year):
    settings.TIME_ZONE = "Asia/Hong_Kong"  # local mean time, +07:36:42, until 1904
    moment = datetime(year, 3, 28, 1, 4, 1, tzinfo=UTC)
    article = ArticleFactory(published_at=moment)

    written = api.get(f"/api/v1/articles/{article.pk}/").json()["published_at"]

    assert RFC_3339.match(written), written
    assert datetime.fromisoformat(written) == moment
