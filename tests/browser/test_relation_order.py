"""In real Chromium: relations are ordered by dragging or with the move buttons, not numbers."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory, BylineFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three_bylines():
    ensure_demo_accounts()
    article = ArticleFactory(draft=True, ready=False)
    for position, name in enumerate(["Ada Mercer", "Bo Lindqvist", "Cai Ortega"]):
        person = PersonFactory(full_name=name)
        BylineFactory(article=article, person=person, position=position)
    return article


def open_change_form(page, base_url, article):
    sign_in(page, base_url, "editor")
    page.goto(base_url + reverse("admin:articles_article_change", args=[article.pk]))


def byline_names(article):
    return [byline.person.full_name for byline in article.bylines.all()]


def test_bylines_are_reordered_by_buttons_and_by_dragging(page, live_server, three_bylines):
    article = three_bylines
    page.set_default_timeout(20_000)
    open_change_form(page, live_server.url, article)
    group = page.locator("#bylines-group")
    expect(group.locator("input[name$='-position']").first).to_be_hidden()

    group.get_by_role("button", name="Move row 1 down").click()  # Ada below Bo
    rows = group.locator("tr.has_original")
    # Drag the last row (Cai) by its handle to the top.
    rows.nth(2).locator(".desk-sort__handle").drag_to(rows.nth(0), target_position={"x": 5, "y": 2})
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert byline_names(article) == ["Cai Ortega", "Bo Lindqvist", "Ada Mercer"]


def test_without_javascript_the_position_numbers_stay(browser, live_server, three_bylines):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_change_form(page, live_server.url, three_bylines)
    positions = page.locator("#bylines-group input[name$='-position']:not([name*='__prefix__'])")
    expect(positions.first).to_be_visible()
    assert positions.count() == 3
    context.close()
