"""What a reader expects around a story: reading time, share links, the authors, and
"Next in <section>" that never repeats Related."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from people.models import Person
from tests.factories import ArticleFactory, BylineFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_reading_time(client):
    article = ArticleFactory(body="<p>" + "word " * 690 + "</p>")
    assert "3 min read" in client.get(article.get_absolute_url()).text


def test_share_links_are_plain_links_to_the_canonical_address(client):
    article = ArticleFactory(headline="Ferries & piers")
    text = client.get(article.get_absolute_url()).text
    share = text[text.index('aria-label="Share this article"') :]
    share = share[: share.index("</nav>")]
    assert 'href="mailto:?subject=Ferries%20%26%20piers' in share
    for network in ("facebook.com/sharer", "x.com/intent", "linkedin.com/sharing", "wa.me/"):
        assert network in share
    assert "<script" not in share


def test_the_byline_box_shows_the_authors_picture_and_short_bio(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    PILImage.new("RGB", (64, 64), "navy").save(buffer, format="PNG")  # the upload path decodes it
    photo = SimpleUploadedFile("face.png", buffer.getvalue(), content_type="image/png")
    reporter = PersonFactory(
        kind=Person.Kind.CONTRIBUTOR, description="Transport reporter", photo=photo
    )
    plain = PersonFactory(kind=Person.Kind.CONTRIBUTOR, description="")
    article = ArticleFactory()
    BylineFactory(article=article, person=reporter, position=0)
    BylineFactory(article=article, person=plain, position=1)
    text = client.get(article.get_absolute_url()).text
    box = text[text.index('class="authors"') :]
    assert 'class="portrait portrait--64"' in box and 'width="64" height="64"' in box
    assert box.count('class="portrait portrait--64"') == 1  # only the person with a picture
    assert "Transport reporter" in box and plain.full_name in box


def test_next_in_section_never_repeats_a_related_story(client):
    section = SectionFactory(name="Harbour")
    story = ArticleFactory(section=section)
    for _ in range(8):
        ArticleFactory(section=section)
    response = client.get(story.get_absolute_url())
    related = set(response.context["related"])
    following = response.context["next_in_section"]
    assert related and following
    assert related.isdisjoint(following)
