"""A 40-megapixel upload is decoded twice at most, and its renditions come from a reduced copy.

Timing tests are unreliable on a shared machine; the work itself is counted instead. Before,
every rendition set (plain, share crops, card crops) decoded and flattened the whole original
again: five full decodes and conversions of 40 million pixels, 10 to 30 seconds a request.
"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFile

from images.models import Image
from images.validation import MAX_PIXELS

pytestmark = pytest.mark.django_db
SIZE = (7300, 5470)  # 39.9 megapixels


def large_png() -> bytes:
    picture = PILImage.radial_gradient("L").resize(SIZE).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for x in range(0, SIZE[0], 97):
        draw.line((x, 0, SIZE[0] - x, SIZE[1]), fill=(x % 255, 80, 160), width=9)
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_forty_megapixel_upload_is_decoded_at_most_twice(editor_client, monkeypatch):
    assert SIZE[0] * SIZE[1] <= MAX_PIXELS
    full_decodes = {}  # each opened picture of the full size that was loaded: a full decode
    load = ImageFile.ImageFile.load

    def counted_load(image):
        if image.size == SIZE:
            full_decodes[id(image)] = image.format
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    upload = SimpleUploadedFile("big.png", large_png(), content_type="image/png")
    data = {"file": upload, "alt_text": "Lines", "caption": "Lines", "credit": "Staff"}

    response = editor_client.post(reverse("admin:images_image_add"), data)

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == SIZE
    assert image.renditions.filter(width=1920).exists()
    # Once to check it is whole, once to make every rendition from.
    assert len(full_decodes) <= 2, full_decodes
