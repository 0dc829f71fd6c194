"""The lead and secondary cards show the lead picture, cropped, sized and lazy below the fold."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from images.models import Rendition
from images.renditions import CARD_RATIO, ensure_card_crops, ensure_renditions
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    BylineFactory,
    ImageFactory,
    SectionFactory,
)
from tests.site.test_query_counts import LIMITS

pytestmark = pytest.mark.django_db
RATIO = "{}x{}".format(*CARD_RATIO)


@pytest.fixture
def illustrated(settings, tmp_path):
    """Return a maker of published articles with a library lead picture and its crops."""
    settings.MEDIA_ROOT = tmp_path

    def make(n: int, **fields):
        made = []
        for hours in range(n):
            article = ArticleFactory(published_at=timezone.now() - timedelta(hours=hours), **fields)
            # 7:4 like the factory's picture, so the cards' 16:9 crop really crops, at half
            # its size: two widths in each format instead of four, from a quarter the pixels.
            image = ImageFactory(focal_x=0.9, focal_y=0.5, file__width=700, file__height=400)
            ensure_renditions(image)
            ensure_card_crops(image)
            ArticleImageFactory(article=article, image=image, is_lead=True)
            BylineFactory(article=article)
            made.append(article)
        return made

    return make


def pictures(text: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", text, re.DOTALL)


def test_the_lead_and_secondary_cards_show_cropped_responsive_pictures(client, illustrated):
    illustrated(8)
    found = pictures(client.get("/").text)
    assert len(found) == 5  # the lead and four secondary; the other cards stay text
    lead, *secondary = found
    assert 'loading="eager"' in lead
    assert all('loading="lazy"' in picture for picture in secondary)
    crops = {r.file.url for r in Rendition.objects.filter(spec__endswith=f"-{RATIO}")}
    for picture in found:
        assert "srcset=" in picture and "sizes=" in picture
        shown = set(re.findall(r"(/media/\S+) \d+w", picture))
        assert shown and shown <= crops
        width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', picture).groups())
        assert round(width / height, 2) == round(CARD_RATIO[0] / CARD_RATIO[1], 2)


def test_cards_carry_bylines_and_the_section(client, illustrated):
    story = illustrated(1, section=SectionFactory(name="Harbour"))[0]
    text = client.get("/").text
    assert f"By {story.bylines.get().person.full_name}" in text
    assert ">Harbour</a>" in text


@pytest.mark.parametrize("n", [2, 9])
def test_pictures_on_cards_cost_a_fixed_number_of_queries(client, illustrated, n):
    illustrated(n, section=SectionFactory())
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    # The fronts' scan and their cards are two queries however many sections there are;
    # the home's budget for its first reader (tests/site/test_query_counts.py) holds.
    assert len(captured.captured_queries) <= LIMITS["home"]
