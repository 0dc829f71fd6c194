"""In real Chromium, as the demo accounts: a story from first words to a restored revision.

Only clicks and typing through the pages each role opens; no request is made behind the
pages' backs. The contributor writes and submits; the editor schedules, corrects, compares
and restores.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Section
from images.renditions import ensure_renditions
from seeds.accounts import ensure_demo_accounts
from tests.browser.picker import choose_in_picker
from tests.browser.signing import sign_in
from tests.factories import ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADLINE = "Night ferry timetable changes for the winter"
FIRST_WORDS = "The harbour board has moved the last crossing forward by half an hour."
AFTER_FIGURE = "Passengers can still book the earlier boat at the quay."


@pytest.fixture
def newsroom():
    """Return the library picture and a section, with the demo accounts in their real groups."""
    ensure_demo_accounts()
    section = Section.objects.order_by("pk").first() or Section.objects.create(
        name="Local", slug="local"
    )
    image = ImageFactory(caption="", credit="", alt_text="")
    ensure_renditions(image)
    return image, section


def sign_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()


def choose_section(page, section) -> None:
    """Pick the section in its autocomplete box, as a person would."""
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill(section.name[:4])
    page.locator(".select2-results__option", has_text=section.name).first.click()


def insert_library_figure(page, image) -> None:
    """Insert a library picture with alt text, caption and credit through the figure dialog."""
    page.click(".prose-menubar__button[data-name=figure]")
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Browse…").click()
    choose_in_picker(popup_info.value, image)
    expect(dialog.locator("input[name=picture]")).not_to_have_value("")
    dialog.get_by_label("Alternative text").fill("The night ferry tied up at the quay")
    dialog.get_by_label("Caption").fill("The last ferry of the evening")
    dialog.get_by_label("Credit").fill("Photo: Masthead desk")
    dialog.get_by_role("button", name="Insert").click()


def contributor_writes_and_submits(page, base_url, newsroom, artifacts) -> Article:
    """The contributor's journey; return the article it leaves waiting for review."""
    image, section = newsroom
    sign_in(page, base_url, "contributor")
    page.get_by_role("link", name=re.compile(r"^(Write|Add) (an )?article", re.I)).first.click()
    page.get_by_role("textbox", name="Headline:").fill(HEADLINE)
    choose_section(page, section)
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type(FIRST_WORDS)
    page.keyboard.press("Enter")
    insert_library_figure(page, image)
    page.keyboard.type(AFTER_FIGURE)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(headline=HEADLINE)

    with page.expect_popup() as preview_info:
        page.get_by_role("link", name="Preview").click()
    preview = preview_info.value
    reader = preview.frame_locator("iframe[title='The article as readers will see it']")
    expect(reader.locator("body")).to_contain_text(FIRST_WORDS)
    expect(reader.locator("figure .credit")).to_have_text("Photo: Masthead desk")
    expect(preview.locator(".social-card__title")).to_have_text(HEADLINE)
    preview.screenshot(path=str(artifacts / "journey-contributor-preview.png"), full_page=True)
    preview.close()

    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Yes, submit for review").click()
    expect(page.locator(".messagelist")).to_be_visible()
    page.screenshot(path=str(artifacts / "journey-contributor-submitted.png"), full_page=True)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    sign_out(page)
    return article


def test_the_contributor_writes_illustrates_previews_and_submits(
    page, live_server, newsroom, artifacts
):
    page.set_default_timeout(20_000)
    article = contributor_writes_and_submits(page, live_server.url, newsroom, artifacts)
    image, section = newsroom
    assert article.section == section
    assert re.search(
        rf'<p>{FIRST_WORDS}</p><figure[^>]*><img src="/media/[^"]+" '
        rf'alt="The night ferry tied up at the quay" data-file="{image.pk}">'
        r'<figcaption>The last ferry of the evening <span class="credit">Photo: Masthead desk'
        rf"</span></figcaption></figure><p>{AFTER_FIGURE}</p>",
        article.body,
    ), article.body
    assert article.events.filter(action="submitted").exists()


def test_the_editor_schedules_sees_it_live_corrects_compares_and_restores(
    page, live_server, newsroom, artifacts
):
    page.set_default_timeout(20_000)
    article = contributor_writes_and_submits(page, live_server.url, newsroom, artifacts)

    sign_in(page, live_server.url, "editor")
    page.screenshot(path=str(artifacts / "journey-editor-desk.png"), full_page=True)
    page.locator("#content").get_by_role("link", name=HEADLINE).first.click()
    expect(page.get_by_role("textbox", name="Headline:")).to_have_value(HEADLINE)

    # Review: tighten the standfirst and save, which makes a revision to compare later.
    page.get_by_role("textbox", name="Standfirst:").fill(
        "The last crossing leaves earlier from December."
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # Schedule a couple of minutes ahead, then let the clock reach that minute.
    at = timezone.localtime(timezone.now() + timedelta(minutes=2)).replace(second=0, microsecond=0)
    page.get_by_role("link", name="Schedule").click()
    page.get_by_label("Publish at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    anyway = page.get_by_label("Publish anyway")
    if anyway.count():  # no byline yet: the step page lists it and asks to confirm, and why
        anyway.check()
        page.get_by_label("Why publish it anyway").fill("The byline is added at the next update.")
    page.get_by_role("button", name="Yes, schedule").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and not article.is_public

    page.goto(live_server.url + article.get_absolute_url())
    assert page.get_by_role("heading", level=1, name=HEADLINE).count() == 0
    with time_machine.travel(at + timedelta(seconds=5), tick=True):
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        page.screenshot(path=str(artifacts / "journey-editor-live.png"), full_page=True)

        page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
        page.get_by_role("link", name="Add correction").click()
        page.get_by_label("Correction").fill("An earlier version gave the wrong departure pier.")
        page.get_by_role("button", name="Add correction").click()
        expect(page.locator(".messagelist")).to_be_visible()
        assert article.corrections.count() == 1

        page.get_by_role("link", name="History").click()
        rows = page.locator("#change-history tbody tr")
        assert rows.count() >= 3
        # Compare the contributor's first save with the newest revision.
        rows.last.locator("input[name=old]").check()
        rows.first.locator("input[name=new]").check()
        page.get_by_role("button", name="Compare the chosen revisions").click()
        expect(page.locator("#content-main")).to_contain_text("earlier from December")
        page.screenshot(path=str(artifacts / "journey-editor-compare.png"), full_page=True)

        page.locator("#change-history tbody tr").last.get_by_role("link", name="Restore").click()
        page.get_by_role("button", name="Yes, restore this revision").click()
        expect(page.locator(".messagelist")).to_be_visible()
        article.refresh_from_db()
        assert article.standfirst == ""  # as the contributor first saved it
        assert article.is_public and article.corrections.count() == 1
