"""The API lists each image's renditions with their sizes, in JSON and in ninjs."""

import pytest
from rest_framework.test import APIClient

from images.models import Rendition
from tests.factories import ArticleFactory, ArticleImageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def make_renditions(image, widths=(320, 640)):
    for width in widths:
        for fmt in ("webp", "jpeg"):
            Rendition.objects.create(
                image=image,
                format=fmt,
                spec=f"{width}w",
                width=width,
                height=width // 2,
                file=f"renditions/{image.pk}-{width}.{fmt}",
            )


def illustrated(n_images=1):
    article = ArticleFactory()
    for position in range(n_images):
        image = ImageFactory(file__width=640, file__height=320)
        make_renditions(image)
        ArticleImageFactory(article=article, image=image, is_lead=position == 0)
    return article


def test_the_article_lists_each_image_rendition_with_its_size():
    article = illustrated()
    data = APIClient().get(f"/api/v1/articles/{article.pk}/").json()
    renditions = data["images"][0]["renditions"]
    assert [(r["type"], r["width"], r["height"]) for r in renditions] == [
        ("image/jpeg", 320, 160), ("image/webp", 320, 160),
        ("image/jpeg", 640, 320), ("image/webp", 640, 320),
    ]  # fmt: skip
    assert renditions[0]["url"].startswith("http") and renditions[0]["url"].endswith(".jpeg")


def test_ninjs_lists_the_renditions_of_each_picture():
    article = illustrated()
    item = APIClient().get(f"/api/v1/articles/{article.pk}/ninjs/").json()
    associations = item["associations"]
    pictures = associations.values() if isinstance(associations, dict) else associations
    picture = next(p for p in pictures if p.get("type") == "picture")
    names = [r["name"] for r in picture["renditions"]]
    assert names == ["original", "jpeg-320", "webp-320", "jpeg-640", "webp-640"]
    assert picture["renditions"][2] == {
        "name": "webp-320",
        "href": picture["renditions"][2]["href"],
        "contenttype": "image/webp",
        "width": 320,
        "height": 160,
    }


@pytest.mark.parametrize("n_images", [1, 10])
def test_the_article_list_queries_stay_fixed_whatever_the_number_of_images(
    django_assert_max_num_queries, n_images
):
    for _ in range(3):
        illustrated(n_images)
    with django_assert_max_num_queries(12) as queries:
        results = APIClient().get("/api/v1/articles/").json()["results"]
    assert sum(len(a["images"][0]["renditions"]) for a in results) == 12
    print(f"API article list, {n_images} image(s) each: {len(queries.captured_queries)} queries")
