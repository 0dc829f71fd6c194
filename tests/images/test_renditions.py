"""Renditions are made once, never wider than the source, and reused afterwards."""

import pytest
from PIL import Image as PILImage

from images.models import Rendition
from images.renditions import crop_box, ensure_renditions, ensure_share_crops
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_it_makes_webp_and_jpeg_at_each_width_up_to_the_source():
    image = ImageFactory()  # 1400 × 800
    made = ensure_renditions(image)
    assert sorted({(r.format, r.width) for r in made}) == sorted(
        (fmt, w) for fmt in ("jpeg", "webp") for w in (320, 640, 960, 1280)
    )
    smallest = next(r for r in made if r.width == 320 and r.format == "webp")
    with smallest.file.open("rb"), PILImage.open(smallest.file) as decoded:
        assert (decoded.format, decoded.size) == ("WEBP", (320, 183))


def test_a_second_request_creates_nothing(django_assert_num_queries):
    image = ImageFactory()
    first = ensure_renditions(image)
    image.refresh_from_db()
    with django_assert_num_queries(1):  # only reads what is stored
        second = ensure_renditions(image)
    assert [r.pk for r in second] == [r.pk for r in first]
    assert Rendition.objects.filter(image=image).count() == 8


def test_a_small_source_is_never_upscaled():
    image = ImageFactory(file__width=200, file__height=100)
    assert {r.width for r in ensure_renditions(image)} == {200}


def test_a_ratio_crop_keeps_the_focal_point_in_view():
    box = crop_box((1000, 500), (0.9, 0.5), (1, 1))
    assert box == (500, 0, 1000, 500)
    image = ImageFactory(focal_x=0.1, focal_y=0.5)
    made = ensure_renditions(image, ratio=(1, 1))
    assert {(r.width, r.height) for r in made} == {(w, w) for w in (320, 640)}
    assert all(r.spec.endswith("-1x1") for r in made)


def test_the_backfill_command_makes_only_what_is_missing(capsys):
    from django.core.management import call_command

    image = ImageFactory(file__width=700, file__height=400)
    call_command("make_renditions")
    # 320 and 640 wide in both formats, one JPEG crop each of 16:9, 4:3 and 1:1, and the
    # cards' 16:9 crops 320 and 640 wide in both formats (the 640 JPEG is the shared one).
    assert "Made 10 rendition(s)." in capsys.readouterr().out
    assert image.renditions.count() == 10
    call_command("make_renditions")
    assert "Made 0 rendition(s)." in capsys.readouterr().out


def test_ratio_crops_are_made_on_demand_by_the_command_and_used_by_the_picture_tag():
    from django.core.management import call_command
    from django.template import Context, Template

    image = ImageFactory(file__width=700, file__height=400, focal_x=0.8)
    ensure_renditions(image)
    call_command("make_renditions", "--ratio", "1x1")
    assert image.renditions.filter(spec__endswith="-1x1").count() == 2  # 320 wide, both formats
    image = type(image).objects.with_renditions().get(pk=image.pk)
    html = Template('{% load pictures %}{% picture image ratio="1x1" %}').render(
        Context({"image": image})
    )
    square = image.renditions.get(format="webp", spec="320w-1x1")
    assert 'width="320" height="320"' in html and f"{square.file.url} 320w" in html


def test_the_shared_crops_are_one_jpeg_per_shape_as_wide_as_the_source_allows():
    image = ImageFactory()  # 1400 × 800
    made = ensure_share_crops(image)
    assert [(r.spec, r.format, r.width, r.height) for r in made] == [
        ("1280w-16x9", "jpeg", 1280, 720),
        ("960w-4x3", "jpeg", 960, 720),
        ("640w-1x1", "jpeg", 640, 640),
    ]
    assert ensure_share_crops(image) == made  # made once
