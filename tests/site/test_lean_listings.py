"""Lists load only what their cards show, page without counting, and end with a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import selectors
from articles.models import Article
from articles.selectors import latest_per_top_section
from tests.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def article_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return [q["sql"] for q in captured.captured_queries if '"articles_article"."id"' in q["sql"]]


def test_no_listing_page_reads_an_article_body(client):
    article = ArticleFactory()
    tag = TagFactory()
    article.tags.add(tag)
    month = f"/archive/{article.published_at.year}/{article.published_at.month}/"
    for url in ("/", article.section.get_absolute_url(), tag.get_absolute_url(), month):
        queries = article_queries(client, url)
        assert queries, url
        assert not [sql for sql in queries if '"articles_article"."body"' in sql], url


def test_no_listing_page_counts_its_articles(client):
    section = SectionFactory()
    for _ in range(3):
        ArticleFactory(section=section)
    with CaptureQueriesContext(connection) as captured:
        client.get(section.get_absolute_url())
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]


# 2**63 // 20 pages of twenty start past the largest offset a database takes.
@pytest.mark.parametrize("page", ["2", "99", "0", "-1", "two", "1.5", str(2**63 // 20), "9" * 30])
def test_a_page_past_the_end_or_not_a_number_is_404(client, page):
    section = SectionFactory()
    ArticleFactory(section=section)
    assert client.get(f"{section.get_absolute_url()}?page={page}").status_code == 404


def test_the_last_page_has_no_older_link_and_the_first_no_newer(client):
    section = SectionFactory()
    for _ in range(26):  # five lead the front, twenty on the first page, one on the second
        ArticleFactory(section=section)
    first = client.get(section.get_absolute_url()).text
    last = client.get(section.get_absolute_url() + "?page=2").text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in last and 'rel="next"' not in last


@pytest.mark.parametrize("scan", [selectors.FRONTS_SCAN, 5], ids=["whole scan", "short scan"])
def test_the_latest_per_section_reaches_a_quiet_section_under_busy_ones(monkeypatch, scan):
    # A short scan holds only busy stories: the quiet section is read on its own.
    monkeypatch.setattr(selectors, "FRONTS_SCAN", scan)
    busy, quiet = SectionFactory(), SectionFactory()
    old = ArticleFactory(section=SectionFactory(parent=quiet), published_at="2001-01-01T00:00Z")
    for _ in range(12):
        ArticleFactory(section=busy)
    fronts = latest_per_top_section(Article.objects.published(), exclude=set())
    shown = {front.section: front.articles for front in fronts}
    assert shown[quiet] == [old]
    assert len(shown[busy]) == selectors.PER_SECTION


@pytest.mark.parametrize("scan", [selectors.FRONTS_SCAN, 2], ids=["whole scan", "short scan"])
def test_the_section_fronts_leave_out_the_stories_shown_above_them(monkeypatch, scan):
    monkeypatch.setattr(selectors, "FRONTS_SCAN", scan)
    section = SectionFactory()
    stories = [ArticleFactory(section=section) for _ in range(6)]
    above = {stories[-1].pk, stories[-2].pk}
    fronts = latest_per_top_section(Article.objects.published(), exclude=above)
    shown = [article.pk for article in fronts[0].articles]
    assert len(shown) == selectors.PER_SECTION and not above & set(shown)


def plan(queryset) -> str:
    """Return the query plan; on PostgreSQL with sorts and full scans priced out, so the
    plan shows whether an index can hand the rows over in order (tiny test tables would
    otherwise always be scanned)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_incremental_sort = off")
    return queryset.explain()


@pytest.mark.parametrize(
    ("listing", "index"),
    [("home newest", "article_status_newest"), ("a section's newest", "article_section_newest")],
)
def test_the_newest_of_a_listing_are_read_in_order_from_an_index(listing, index):
    article = ArticleFactory()
    public = Article.objects.published().card_rows().newest_first()
    rows = public if listing == "home newest" else public.filter(section_id=article.section_id)
    found = plan(rows[:5])
    if connection.vendor == "sqlite":
        assert index in found
    else:
        # On a test table of a few rows, PostgreSQL's statistics (left by earlier tests) may
        # price another index that also gives the order as cheaper; the order must still
        # come from an index, with no sort step.
        assert "Index Scan" in found or "Index Only Scan" in found
    assert "TEMP B-TREE" not in found and "Sort" not in found  # no sort step (SQLite, PostgreSQL)
