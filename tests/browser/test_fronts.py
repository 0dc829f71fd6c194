"""The fronts and an illustrated article at desktop and phone widths: screenshots, and axe."""

import pytest

from articles.models import Article
from fronts.models import Front
from seeds.loader import load_newsroom

from .axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


def illustrated_pages(live_server) -> dict[str, str]:
    """Return the home, the lead story's section front and the lead story, as URLs."""
    lead = Front.objects.get(section=None).slots.get(place="lead").article
    assert lead.images.filter(is_lead=True).exists()
    top = lead.section.path[0]
    return {
        "home": live_server.url + "/",
        "section-front": live_server.url + top.get_absolute_url(),
        "article": live_server.url + Article.objects.get(pk=lead.pk).get_absolute_url(),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_the_fronts_and_an_illustrated_article_pass_axe_with_pictures(
    browser, live_server, artifacts, width
):
    load_newsroom()
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    found = {}
    for kind, url in illustrated_pages(live_server).items():
        assert page.goto(url).status == 200, url
        page.wait_for_load_state("load")
        pictures = page.locator("picture img")
        assert pictures.count() >= 1, kind
        assert all(
            pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
            for i in range(min(pictures.count(), 2))
        ), kind
        page.screenshot(path=str(artifacts / f"{kind}-{width}.png"), full_page=True)
        found[kind] = violations(page)
    context.close()
    assert found == {kind: [] for kind in found}
