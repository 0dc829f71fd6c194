"""In real Chromium: an editor creates a tag by typing it in the article's tag picker."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_types_a_new_tag_into_the_picker(page, live_server):
    ensure_demo_accounts()
    article = ArticleFactory(draft=True)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))

    tags = page.locator("#tagged_items-group")
    tags.locator(".add-row a").click()
    tags.locator(".select2-selection").last.click()
    page.locator(".select2-search__field").fill("Winter timetables")
    option = page.locator(".select2-results__option", has_text="Winter timetables").first
    expect(option).to_be_visible()
    option.click()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert [tag.name for tag in article.tags.all()] == ["Winter timetables"]
