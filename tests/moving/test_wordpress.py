"""A WordPress export imported whole: sections, people, articles, pictures and old addresses."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.utils.encoding import iri_to_uri

from articles.models import Article, Section
from moving.models import Redirect
from people.models import Person
from tests.hostile.pages import row_counts
from tests.moving.conftest import EXPORTS

pytestmark = pytest.mark.django_db
WXR = EXPORTS / "harbourside.wxr.xml"
SHORTCODE = re.compile(r"\[/?[a-z][\w-]*[^\]]*\]")


def run(*args, **options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_wordpress", str(WXR), *args, stdout=out, verbosity=0, **options)
    return out.getvalue()


def article(title: str) -> Article:
    return Article.objects.get(headline=title)


def test_categories_become_sections_with_their_hierarchy(uploads):
    run("--media-dir", str(uploads))
    ferries = Section.objects.get(slug="ferries")
    assert ferries.name == "Ferries & piers"
    assert ferries.parent.slug == "transport" and ferries.parent.parent.slug == "news"
    assert Section.objects.filter(name="文化").exists()


def test_posts_keep_their_status_time_byline_order_tags_and_seo(uploads):
    run("--media-dir", str(uploads))
    night = article("Night ferry timetable changes for the winter")
    assert night.status == Article.Status.PUBLISHED
    assert night.published_at.isoformat() == "2024-05-14T01:30:00+00:00"
    assert [b.person.full_name for b in night.bylines.order_by("position")] == [
        "Jun Low",
        "Mara Tan",
    ]
    assert list(night.tags.values_list("name", flat=True)) == ["Timetables"]
    assert night.standfirst == "The last crossing moves forward by half an hour."
    assert night.seo_title == "Night ferry moves earlier | Harbourside"
    assert night.section.slug == "ferries"

    assert article("Storm season outlook").published_at.year == 2099  # scheduled
    assert article("Storm season outlook") not in Article.objects.published()
    assert article("Draft: pier repairs").status == Article.Status.DRAFT
    assert article("Council budget awaiting review").status == Article.Status.IN_REVIEW
    private = article("Staff notes on the ferry union")
    assert private.status == Article.Status.DRAFT  # never public, on WordPress or here
    assert article("About the Gazette").section.slug == "pages"  # pages wait as drafts
    assert not Article.objects.filter(headline="Menu").exists()


def test_pictures_go_to_the_library_and_a_missing_one_keeps_its_caption(uploads):
    output = run("--media-dir", str(uploads))
    night = article("Night ferry timetable changes for the winter")
    lead = night.images.get(is_lead=True)
    assert lead.image is not None and lead.image.renditions.exists()
    assert night.body.count("data-image-id=") == 3  # the captioned pier, the gallery's two
    waiting = night.images.get(is_lead=False)
    assert waiting.caption == "The old terminal, photographed in 1998." and waiting.needs_file
    assert f'data-article-image="{waiting.pk}"' in night.body
    assert "skipped 1 pictures without a local file" in output


def test_shortcodes_and_embeds_become_markup_and_unknown_ones_are_reported(uploads):
    output = run("--media-dir", str(uploads))
    body = article("Night ferry timetable changes for the winter").body
    assert not SHORTCODE.search(body)
    assert '<a href="https://video.example/watch/pier-timelapse"' in body
    assert '<a href="https://maps.example/route/night-ferry"' in body
    assert "Fewer late boats, but the same fares." in body  # the enclosing shortcode's text
    assert "Shortcode [contact-form-7] taken out" in output
    assert "Shortcode [pullquote] taken out" in output
    assert "[sic]" in article("Lantern festival returns to the waterfront").body  # text, not code


def test_comments_are_skipped_and_counted(uploads):
    assert "skipped 2 comments" in run("--media-dir", str(uploads))


def test_every_old_address_answers_301_to_its_article_and_follows_a_later_slug_change(
    client, uploads
):
    run("--media-dir", str(uploads))
    night = article("Night ferry timetable changes for the winter")
    for old in (
        "/2024/05/14/night-ferry-timetable/",
        "/?p=201",
        "/2024/05/night-ferry-timetable/",
        "/night-ferry-timetable/",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == night.get_absolute_url(), old
    lantern = article("Lantern festival returns to the waterfront")
    assert client.get("/2024/09/02/燈籠/")["Location"] == lantern.get_absolute_url()

    night.slug = "night-ferry-earlier"
    night.save()
    assert client.get("/?p=201")["Location"].endswith("/night-ferry-earlier/")


def test_old_addresses_of_unpublished_posts_reveal_nothing(client, uploads):
    run("--media-dir", str(uploads))
    assert Redirect.objects.filter(old_path="/2024/07/01/staff-notes/").exists()
    assert client.get("/2024/07/01/staff-notes/").status_code == 404
    assert client.get("/?p=203").status_code != 301  # scheduled: not yet


def test_no_public_page_shows_a_raw_shortcode(client, uploads):
    run("--media-dir", str(uploads))
    for story in Article.objects.published().select_related("section"):
        page = client.get(story.get_absolute_url())
        assert page.status_code == 200
        text = re.sub(r"<[^>]+>", " ", page.content.decode())
        assert not re.search(r"\[(?:caption|gallery|embed|contact-form-7|pullquote)\b", text)


def test_a_rerun_creates_nothing_and_a_dry_run_writes_nothing(uploads):
    dry = run("--media-dir", str(uploads), "--dry-run")
    assert Article.objects.count() == 0 and Person.objects.count() == 0
    assert "created 6 articles" in dry and "created 1 pages" in dry

    run("--media-dir", str(uploads))
    before = row_counts()
    again = run("--media-dir", str(uploads))
    assert row_counts() == before
    assert "7 posts unchanged" in again


def test_entity_expansion_and_external_entities_are_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title>'
        "</channel></rss>"
    )
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_wordpress", str(bomb), verbosity=0)
    assert Article.objects.count() == 0


def test_a_date_address_shaped_like_another_articles_address_still_leads_to_its_own(
    client, uploads
):
    run("--media-dir", str(uploads))
    lantern = article("Lantern festival returns to the waterfront")
    other = Article.objects.published().exclude(pk=lantern.pk).first()
    # /<year>/<month>/<slug>/ reads as /<section>/<article id>/<slug>/ when the month is an id.
    Redirect.objects.create(old_path=f"/2024/{other.pk}/燈籠/", article=lantern)
    response = client.get(f"/2024/{other.pk}/燈籠/")
    assert response.status_code == 301
    assert response["Location"] == iri_to_uri(lantern.get_absolute_url())


def test_a_non_latin_category_keeps_its_script_in_the_section_address(uploads):
    run("--media-dir", str(uploads))
    assert Section.objects.get(name="文化").slug == "文化"
