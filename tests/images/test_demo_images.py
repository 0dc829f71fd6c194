"""The demo newsroom is illustrated with pictures drawn for it, never duplicated on re-seed."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import ArticleImage
from images.models import Image, Rendition
from images.renditions import FORMATS, SHARE_RATIOS, target_widths
from seeds.images import illustration

pytestmark = pytest.mark.django_db


def test_every_demo_image_gets_a_credited_illustration_with_renditions_once():
    call_command("seed")
    uses = ArticleImage.objects.select_related("image")
    assert uses.exists() and all(use.image_id for use in uses)
    assert all(use.shown_credit == "Masthead illustration" and use.shown_alt_text for use in uses)
    images, renditions = Image.objects.count(), Rendition.objects.count()
    # Each width up to the picture's own, in WebP and JPEG; never upscaled; and one JPEG
    # crop per shape that search engines take.
    demo_width, _ = settings.DEMO_PICTURE_SIZE
    full_frame = images * len(target_widths(demo_width)) * len(FORMATS)
    assert renditions == full_frame + images * len(SHARE_RATIOS)
    call_command("seed")
    assert (Image.objects.count(), Rendition.objects.count()) == (images, renditions)


def test_illustrations_are_deterministic():
    assert illustration("a/b") == illustration("a/b") != illustration("a/c")
