"""A reader in real Chromium: the journey through the demo newsroom, and axe on every page."""

import pytest

from articles.models import Article
from seeds.loader import load_newsroom
from tests.factories import ArticleFactory

from .axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url):
    response = page.goto(url)
    assert response is not None
    return response.status


def follow(page, selector, avoid=""):
    """Click the first link matching `selector` not leading to `avoid`; return the URL."""
    links = page.locator(selector)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    href = next(h for h in hrefs if not avoid.endswith(h))
    link = links.nth(hrefs.index(href))
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(href), (page.url, href)
    return page.url


def test_a_reader_goes_from_home_to_a_topic_and_every_page_passes_axe(page, live_server, artifacts):
    load_newsroom()
    taken_down = Article.objects.published().order_by("pk").last()
    Article.objects.filter(pk=taken_down.pk).update(status=Article.Status.UNPUBLISHED)
    found = {}

    def check(kind, status=200):
        assert page.title(), kind
        page.screenshot(path=str(artifacts / f"{kind}.png"), full_page=True)
        found[kind] = violations(page)
        page.emulate_media(color_scheme="dark")
        page.screenshot(path=str(artifacts / f"{kind}-dark.png"))
        found[f"{kind} (dark)"] = violations(page)
        page.emulate_media(color_scheme="light")

    assert visit(page, live_server.url + "/") == 200
    check("home")
    follow(page, ".site-nav a")
    assert "/section/" in page.url
    check("section")
    article_url = follow(page, ".article-list .card__headline a")
    check("article")
    person_url = follow(page, ".people-box a")
    assert "/person/" in person_url
    check("person")
    follow(page, ".article-list .card__headline a", avoid=article_url)
    assert page.locator("h1.story__headline").count() == 1
    follow(page, ".topics a")
    assert "/topic/" in page.url
    check("topic")

    now = taken_down.published_at
    assert visit(page, f"{live_server.url}/archive/{now.year}/{now.month}/") == 200
    check("archive")
    assert visit(page, live_server.url + taken_down.get_absolute_url()) == 410
    check("410")
    assert visit(page, live_server.url + "/no/such/page/") == 404
    check("404")
    assert {kind: lines for kind, lines in found.items() if lines} == {}


def test_the_article_page_reads_on_a_phone_and_prints_without_navigation(
    browser, live_server, artifacts
):
    article = ArticleFactory(
        headline="A long headline about harbour ferries that must wrap on a narrow screen",
        body="<h2>Piers</h2><p>" + "The routes change next month. " * 40 + "</p>",
    )
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server.url + article.get_absolute_url())
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    phone.screenshot(path=str(artifacts / "article-phone.png"), full_page=True)
    phone.emulate_media(media="print")
    assert phone.locator(".site-nav").is_hidden()
    assert phone.locator(".story__body").is_visible()
    context.close()


def test_axe_reports_a_real_violation_so_a_clean_run_means_something(page):
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any(line.startswith("image-alt") for line in violations(page))
