"""In real Chromium: pictures chosen and shown.

The focal point is chosen on the picture, by dragging or by keyboard; a person's photo from
the library shows on their page, by their byline and among a story's people; topic and person
lists show the stories' lead pictures.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from images.renditions import SHARE_RATIOS, ensure_renditions
from people.models import Person
from seeds.accounts import ensure_demo_accounts
from tests.browser.axe import violations
from tests.browser.signing import sign_in
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    MentionFactory,
    PersonFactory,
    TagFactory,
    TaggedArticleFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_editor_drags_then_nudges_the_focal_point_and_sees_the_crops(
    page, live_server, artifacts
):
    ensure_demo_accounts()
    image = ImageFactory()
    ensure_renditions(image)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + reverse("admin:images_image_change", args=[image.pk]))

    picture = page.locator(".focal-picker__image")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.15, box["y"] + box["height"] * 0.3, steps=5)
    page.mouse.up()
    assert float(page.get_by_label("Focal point x").input_value()) == pytest.approx(0.15, abs=0.01)
    assert float(page.get_by_label("Focal point y").input_value()) == pytest.approx(0.3, abs=0.01)
    # One frame per crop the renditions make, kept inside the picture.
    expect(page.locator(".focal-picker__frame")).to_have_count(len(SHARE_RATIOS))

    point = page.locator(".focal-picker__point")
    expect(point).to_be_focused()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ArrowDown")
    expect(point).to_have_attribute("aria-label", "Focal point, 25% across, 31% down")
    page.screenshot(path=str(artifacts / "admin-focal-picker.png"), full_page=True)
    assert not [found for found in violations(page) if "focal" in found]

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert image.focal_point == pytest.approx((0.25, 0.31), abs=0.011)


def test_a_persons_library_photo_shows_on_their_page_byline_and_story(page, live_server):
    ensure_demo_accounts()
    picture = ImageFactory(caption="Portrait of the transport reporter")
    ensure_renditions(picture)
    reporter = PersonFactory(full_name="Mina Castell", kind=Person.Kind.CONTRIBUTOR)
    article = ArticleFactory()
    article.bylines.all().delete()
    lead = ImageFactory()
    ensure_renditions(lead)
    ArticleImageFactory(article=article, image=lead, is_lead=True)
    BylineFactory(article=article, person=reporter)
    MentionFactory(article=article, person=reporter)
    tag = article.tags.first() or TagFactory()
    TaggedArticleFactory(content_object=article, tag=tag)
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, "editor")

    page.goto(live_server.url + reverse("admin:people_person_change", args=[reporter.pk]))
    page.locator(".field-picture .select2-selection").click()
    page.locator(".select2-search__field").fill("transport reporter")
    page.locator(".select2-results__option", has_text="Portrait of the transport").first.click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Person.objects.get(pk=reporter.pk).picture == picture

    page.goto(live_server.url + reporter.get_absolute_url())
    expect(page.locator("header img.portrait--160")).to_be_visible()
    expect(page.locator(".card--pictured .card__picture").first).to_be_visible()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".story__header .byline img.portrait--40")).to_be_visible()
    expect(page.locator(".people-box img.portrait--48")).to_be_visible()
    assert not [found for found in violations(page) if "portrait" in found]
    page.goto(live_server.url + tag.get_absolute_url())
    expect(page.locator(".card--pictured .card__picture").first).to_be_visible()
