"""A Ghost export imported whole: lexical, mobiledoc and HTML bodies, cards, staff, tags."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.hostile.pages import row_counts
from tests.moving.conftest import EXPORTS

pytestmark = pytest.mark.django_db
EXPORT = EXPORTS / "rivercity.ghost.json"


def run(content, *args) -> str:
    out = StringIO()
    call_command(
        "import_ghost", str(EXPORT), "--content-dir", str(content), *args, stdout=out, verbosity=0
    )
    return out.getvalue()


def test_a_lexical_post_keeps_its_cards_as_markup(ghost_content):
    output = run(ghost_content)
    tram = Article.objects.get(headline="Tram line reopens after two years")
    body = tram.body
    assert "<strong>Monday</strong>" in body and "<h2>New stops</h2>" in body
    assert body.count("data-image-id=") == 2  # the image card, the gallery's local picture
    assert '<a href="https://video.example/tram-ride"' in body  # the embed, as a link
    assert '<a href="https://transit.example/timetable"' in body and "Every stop and time" in body
    assert "<b>two dollars</b>" in body and "<script" not in body  # the HTML card, sanitised
    assert "<em>works</em>" in body and "<li>rails</li>" in body  # the Markdown card
    assert "A signup card has no counterpart" in output
    waiting = tram.images.get(is_lead=False)
    assert waiting.caption == "Stop B" and waiting.needs_file


def test_staff_in_order_tags_public_only_primary_tag_as_section_seo_and_excerpt(ghost_content):
    run(ghost_content)
    tram = Article.objects.get(headline="Tram line reopens after two years")
    assert [b.person.full_name for b in tram.bylines.order_by("position")] == [
        "Tomas Eriksen",
        "Ines Park",
    ]
    assert sorted(tram.tags.values_list("name", flat=True)) == ["City hall", "Transport"]
    assert tram.section.slug == "transport"
    assert tram.seo_title == "Tram line reopens | River City"
    assert tram.standfirst == "Three new stops open on Monday."
    assert tram.images.get(is_lead=True).image is not None


def test_a_mobiledoc_post_and_statuses(ghost_content):
    run(ghost_content)
    park = Article.objects.get(headline="Riverside park opens")
    assert re.search(r'<a href="https://parks.example"[^>]*>river</a>', park.body)
    assert "<li>No cycling</li>" in park.body and "data-image-id=" in park.body
    assert Article.objects.get(headline="Members' briefing").status == Article.Status.DRAFT
    fares = Article.objects.get(headline="Ferry fares from April")
    assert fares.slug == "渡輪票價" and fares not in Article.objects.published()
    assert Article.objects.get(headline="Draft on bus lanes").status == Article.Status.DRAFT


def test_slug_addresses_redirect_and_a_rerun_creates_nothing(client, ghost_content):
    run(ghost_content)
    tram = Article.objects.get(headline="Tram line reopens after two years")
    response = client.get("/tram-line-reopens/")
    assert response.status_code == 301 and response["Location"] == tram.get_absolute_url()
    before = row_counts()
    assert "6 posts unchanged" in run(ghost_content)
    assert row_counts() == before


def test_no_public_page_shows_a_ghost_card_marker(client, ghost_content):
    run(ghost_content)
    for story in Article.objects.published().select_related("section"):
        html = client.get(story.get_absolute_url()).content.decode()
        assert "__GHOST_URL__" not in html and not re.search(r"kg-card|\{\{", html)


def test_a_file_of_another_kind_is_refused_clearly(tmp_path):
    wrong = tmp_path / "export.json"
    wrong.write_text('{"posts": "not an export"}')
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_ghost", str(wrong), verbosity=0)
