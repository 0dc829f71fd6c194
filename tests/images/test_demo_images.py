"""The demo newsroom is illustrated with pictures drawn for it, never duplicated on re-seed."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import ArticleImage
from images.models import Image, Rendition
from images.renditions import CARD_WIDTHS, FORMATS, SHARE_RATIOS, target_widths
from seeds.images import illustration

pytestmark = pytest.mark.django_db


def test_every_demo_image_gets_a_credited_illustration_with_renditions_once():
    call_command("seed")
    uses = ArticleImage.objects.select_related("image")
    assert uses.exists() and all(use.image_id for use in uses)
    assert all(use.shown_credit == "Masthead illustration" and use.shown_alt_text for use in uses)
    images, renditions = Image.objects.count(), Rendition.objects.count()
    # Each width up to the picture's own, in WebP and JPEG; never upscaled; one JPEG crop
    # per shape that search engines take; and the 16:9 crops of the fronts' cards in both
    # formats (the demo pictures are 16:9 and no wider than the shared crop, whose JPEG
    # is then one of the cards' own).
    demo_width, _ = settings.DEMO_PICTURE_SIZE
    full_frame = images * len(target_widths(demo_width)) * len(FORMATS)
    card_widths = [width for width in CARD_WIDTHS if width <= demo_width]
    shared = max(target_widths(demo_width)) in card_widths
    cards = images * (len(card_widths) * len(FORMATS) - shared)
    assert renditions == full_frame + images * len(SHARE_RATIOS) + cards
    call_command("seed")
    assert (Image.objects.count(), Rendition.objects.count()) == (images, renditions)


def test_illustrations_are_deterministic():
    assert illustration("a/b") == illustration("a/b") != illustration("a/c")
