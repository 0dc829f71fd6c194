"""In real Chromium: the sample story, imported and published before its pictures arrive,
credits every caption and every person as the bylines' roles say, wherever it is read.

The sample story is read from the shared seeds folder (never copied into the repository).
"""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.importers.plaintext import parse_plaintext
from articles.models import Article
from images.renditions import ensure_renditions
from seeds.accounts import ensure_demo_accounts
from seeds.loader import load_newsroom
from tests.browser.signing import sign_in
from tests.browser.test_import_journey import sample_story
from tests.factories import ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EDITOR = "editor"


def import_and_publish_anyway(page, base_url: str, text: str) -> Article:
    """Import the copy as the editor and publish it past its blocking checks."""
    page.goto(base_url + reverse("admin:articles_article_import"))
    page.get_by_label("Paste the copy").fill(text)
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    page.get_by_role("link", name="Publish now").click()
    return Article.objects.get()


def test_a_story_published_before_its_pictures_credits_every_caption(page, live_server):
    load_newsroom()
    ensure_demo_accounts()
    Article.objects.all().delete()
    page.set_default_timeout(20_000)
    text = sample_story()
    parsed = parse_plaintext(text)
    assert len(parsed.figures) >= 2 and not parsed.authors and parsed.additional_reporting
    sign_in(page, live_server.url, EDITOR)

    article = import_and_publish_anyway(page, live_server.url, text)
    # The step page names each picture still waiting by its whole caption, never cut.
    checks = page.locator(".publishing-check--blocking")
    for figure in parsed.figures:
        expect(checks.filter(has_text=figure.text)).to_have_count(1)
    page.get_by_label("Publish anyway").check()
    page.get_by_label("Why publish it anyway").fill("The pictures follow from the picture desk.")
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.is_public

    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".story__body")
    for figure in parsed.figures:
        caption = body.locator("figure figcaption").filter(has_text=figure.text)
        expect(caption).to_have_count(1)
        expect(caption.locator(".credit")).to_have_text(f"Photo: {figure.credit}")
    # No author is named: the paper the copy came from is credited, then the reporters.
    expect(page.locator(".story__header .byline")).to_have_text(f"By {parsed.source_name}")
    reporter = parsed.additional_reporting[0]
    expect(page.locator(".additional-reporting")).to_contain_text(reporter)

    data = json.loads(page.locator("script[type='application/ld+json']").first.text_content())
    assert data["author"] == [{"@type": "Organization", "name": parsed.source_name}]
    assert [person["name"] for person in data["contributor"]] == [reporter]

    feed = page.request.get(live_server.url + reverse("articles:feed-latest-atom")).text()
    assert f"<name>{parsed.source_name}</name>" in feed

    page.goto(live_server.url + reverse("search:search") + "?q=Hong+Kong")
    result = page.locator(".search-result").filter(has_text=article.headline)
    expect(result.locator(".search-result__byline").first).to_have_text(f"By {parsed.source_name}")
    expect(result.locator(".search-result__byline").last).to_have_text(
        f"Additional reporting by {reporter}"
    )

    # The first picture arrives: the editor picks it from the library on its figure.
    arrived, first = ImageFactory(caption="The university campus"), parsed.figures[0]
    ensure_renditions(arrived)
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    figure_row = page.locator("#images-group .inline-related").filter(has_text=first.text[:40])
    figure_row.locator(".field-image .select2-selection").click()
    page.locator(".select2-search__field").fill("university campus")
    page.locator(".select2-results__option", has_text="The university campus").first.click()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(live_server.url + article.get_absolute_url())
    shown = page.locator(".story__body figure").filter(has_text=first.text)
    expect(shown.locator("picture img")).to_be_visible()
    expect(shown.locator(".credit")).to_have_text(f"Photo: {first.credit}")
    expect(page.locator(".story__body figure picture")).to_have_count(1)  # the others wait
