"""In real Chromium: renamed people and merged topics keep their names and addresses.

A person renamed in the admin is still recognised by the next import (no duplicate) and their
old page answers 301; two merged topics leave the old topic page and its feed answering 301;
the import preview lets the editor pick an existing person for one the story names.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Tag
from articles.services.importing import plan_import
from people.models import Person
from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.browser.test_import_journey import sample_story
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TaggedArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EDITOR = "editor"


def import_copy(page, base_url: str, text: str) -> None:
    page.goto(base_url + reverse("admin:articles_article_import"))
    page.get_by_label("Paste the copy").fill(text)
    page.get_by_role("button", name="Preview the import").click()


def status_and_location(page, url: str) -> tuple[int, str]:
    response = page.request.get(url, max_redirects=0)
    return response.status, response.headers.get("location", "")


def test_a_renamed_person_is_recognised_by_the_next_import_and_moves_with_a_301(page, live_server):
    ensure_demo_accounts()
    SectionFactory(name="News", slug="news")
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    text = sample_story()
    import_copy(page, live_server.url, text)
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    first = Person.objects.get(full_name="Johnny Ng Kit-chong")
    old_slug = first.slug
    ArticleFactory(section=Article.objects.get().section).mentions.create(person=first)

    page.goto(live_server.url + reverse("admin:people_person_change", args=[first.pk]))
    page.get_by_label("Full name").fill("Johnny Ng")
    page.get_by_label("Slug").fill("johnny-ng")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The same story again, under another headline: a new article, the same people.
    import_copy(page, live_server.url, "Hong Kong looks abroad, again\n" + text)
    row = page.locator("tr").filter(has_text="Johnny Ng Kit-chong")
    expect(row.get_by_role("combobox")).to_have_value(str(first.pk))
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    assert Person.objects.filter(full_name__startswith="Johnny Ng").count() == 1
    assert not Person.objects.filter(slug__startswith=f"{old_slug}-").exists()
    assert Article.objects.filter(mentions__person=first).count() == 3

    old = live_server.url + reverse("people:detail", kwargs={"slug": old_slug})
    assert status_and_location(page, old) == (301, "/person/johnny-ng/")
    feed = live_server.url + reverse("articles:feed-person", kwargs={"slug": old_slug})
    status, location = status_and_location(page, feed)
    assert status == 301 and location.endswith("/johnny-ng/")
    page.goto(old)
    expect(page.get_by_role("heading", level=1)).to_have_text("Johnny Ng")


def test_merged_topics_leave_the_old_page_and_feed_answering_301(page, live_server):
    ensure_demo_accounts()
    kept, merged = Tag.objects.create(name="Housing"), Tag.objects.create(name="Homes")
    for tag in (kept, merged):
        TaggedArticleFactory(tag=tag)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    page.goto(live_server.url + reverse("admin:articles_tag_changelist"))
    for tag in (kept, merged):
        page.locator("tr").filter(has_text=tag.name).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    page.get_by_label(kept.name).check()
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged 1 tag(s)")

    old = live_server.url + reverse("articles:tag", kwargs={"slug": merged.slug})
    assert status_and_location(page, old) == (301, kept.get_absolute_url())
    feed = live_server.url + reverse("articles:feed-tag", kwargs={"slug": merged.slug})
    assert status_and_location(page, feed) == (
        301,
        reverse("articles:feed-tag", kwargs={"slug": kept.slug}),
    )
    page.goto(old)
    expect(page.get_by_role("heading", level=1)).to_contain_text(kept.name)


def test_the_editor_picks_an_existing_person_the_preview_suggests(page, live_server):
    ensure_demo_accounts()
    SectionFactory(name="News", slug="news")
    existing = PersonFactory(full_name="Priscilla Leung", description="lawmaker")
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    import_copy(page, live_server.url, sample_story())
    pick = page.locator("tr").filter(has_text="Priscilla Leung Mei-fun").get_by_role("combobox")
    expect(pick).to_have_value("")  # not the same name: offered, never chosen for the editor
    offered = pick.locator("option").nth(1)
    expect(offered).to_contain_text("Priscilla Leung — lawmaker")
    pick.select_option(str(existing.pk))
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    assert Article.objects.get().mentions.filter(person=existing).exists()
    assert not Person.objects.filter(full_name="Priscilla Leung Mei-fun").exists()


def test_the_editor_picks_an_existing_person_for_a_byline(page, live_server):
    ensure_demo_accounts()
    SectionFactory(name="News", slug="news")
    writer = plan_import(data=sample_story().encode()).bylines[0].name
    existing = PersonFactory(full_name=f"{writer} Jr", description="staff writer")
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    import_copy(page, live_server.url, sample_story())
    bylines = page.locator("fieldset").filter(has=page.get_by_role("heading", name="Bylines"))
    pick = bylines.locator("tr").filter(has_text=writer).get_by_role("combobox").last
    expect(pick).to_have_value("")
    expect(pick.locator("option").nth(1)).to_contain_text(f"{writer} Jr — staff writer")
    pick.select_option(str(existing.pk))
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the draft")
    assert Article.objects.get().bylines.filter(person=existing).exists()
    assert not Person.objects.filter(full_name=writer).exists()


def test_merging_a_duplicate_person_leaves_its_page_answering_301(page, live_server):
    ensure_demo_accounts()
    kept = PersonFactory(full_name="Johnny Ng Kit-chong", slug="johnny-ng-kit-chong")
    twin = PersonFactory(full_name="Johnny Ng Kit-chong", slug="johnny-ng-kit-chong-2")
    story = ArticleFactory()
    story.mentions.create(person=twin)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, EDITOR)
    page.goto(live_server.url + reverse("admin:people_person_changelist"))
    for person in (kept, twin):  # the same name twice: each row's box holds its id
        page.locator(f"input.action-select[value='{person.pk}']").check()
    page.get_by_label("Action:").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    page.locator(f"#target-{kept.pk}").check()
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged 1 person(s)")

    assert story.mentions.get().person == kept
    old = live_server.url + reverse("people:detail", kwargs={"slug": twin.slug})
    assert status_and_location(page, old) == (301, kept.get_absolute_url())
    feed = live_server.url + reverse("articles:feed-person", kwargs={"slug": twin.slug})
    assert status_and_location(page, feed) == (
        301,
        reverse("articles:feed-person", kwargs={"slug": kept.slug}),
    )
