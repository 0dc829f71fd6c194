"""What the library stores is served as it is: upright, and without location or camera data."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from images.models import Image
from images.renditions import ensure_renditions
from images.validation import MAX_LOW_DEPTH_PIXELS, validate_image_file

pytestmark = pytest.mark.django_db

ORIENTATION, GPS_IFD, MAKE = 0x0112, 0x8825, 0x010F


def camera_jpeg(size=(2000, 1500), orientation=6) -> bytes:
    """Return a JPEG as a phone writes it: stored sideways, with orientation, GPS and camera."""
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Example Phone"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)})
    buffer = BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_the_sample_really_carries_location_and_orientation():
    with PILImage.open(BytesIO(camera_jpeg())) as picture:
        exif = picture.getexif()
        assert exif[ORIENTATION] == 6 and exif.get_ifd(GPS_IFD)


def test_an_upload_through_the_admin_is_stored_upright_without_gps_or_camera(editor_client):
    upload = SimpleUploadedFile("harbour.jpg", camera_jpeg(), content_type="image/jpeg")
    data = {"file": upload, "alt_text": "A ferry", "caption": "A ferry", "credit": "Staff"}
    response = editor_client.post(reverse("admin:images_image_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.width, image.height) == (1500, 2000)
    with image.file.open("rb"), PILImage.open(image.file) as stored:
        exif = stored.getexif()
        assert stored.size == (1500, 2000)
        assert not exif.get_ifd(GPS_IFD)
        assert MAKE not in exif and exif.get(ORIENTATION, 1) == 1


def test_renditions_of_a_turned_photo_are_never_wider_than_the_upright_picture(editor_client):
    upload = SimpleUploadedFile("harbour.jpg", camera_jpeg(), content_type="image/jpeg")
    editor_client.post(
        reverse("admin:images_image_add"),
        {"file": upload, "alt_text": "A ferry", "caption": "A ferry", "credit": "Staff"},
    )
    widths = {rendition.width for rendition in ensure_renditions(Image.objects.get())}
    assert max(widths) <= 1500


def test_a_huge_drawing_of_few_colours_is_refused_from_its_header():
    width, height = 7000, 5700  # 39.9 megapixels, under the limit for photographs
    buffer = BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 100_000 and width * height > MAX_LOW_DEPTH_PIXELS
    with pytest.raises(ValidationError) as refused:
        validate_image_file(SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert refused.value.code == "too_many_pixels_for_mode"
