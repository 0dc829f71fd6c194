"""Uploads are checked by decoding them, not by trusting their names."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images.validation import MAX_BYTES, fresh_name, library_upload_to, validate_image_file


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def encoded(fmt: str, size=(64, 48), mode="RGB") -> bytes:
    buffer = BytesIO()
    PILImage.new(mode, size, "orange").save(buffer, format=fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """Return a tiny PNG whose header claims `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB"), ("GIF", "P")]
)
def test_it_accepts_a_real_image_of_each_allowed_type(fmt, mode):
    validate_image_file(upload(encoded(fmt, mode=mode), f"picture.{fmt.lower()}"))


def test_it_refuses_a_text_file_renamed_to_jpg():
    with pytest.raises(ValidationError, match="not a readable JPEG, PNG, WebP or GIF"):
        validate_image_file(upload(b"Just some words, not a picture.\n" * 20, "photo.jpg"))


def test_it_refuses_an_image_format_outside_the_list():
    with pytest.raises(ValidationError, match="BMP images are not accepted"):
        validate_image_file(upload(encoded("BMP"), "photo.png"))


def test_it_refuses_a_file_over_twenty_megabytes():
    big = encoded("PNG") + b"\x00" * MAX_BYTES
    with pytest.raises(ValidationError, match="limit is 20 MB"):
        validate_image_file(upload(big, "huge.png"))


def test_it_refuses_more_than_forty_megapixels():
    with pytest.raises(ValidationError, match="limit is 40"):
        validate_image_file(upload(png_claiming(8000, 6000), "wide.png"))


def test_it_refuses_a_decompression_bomb_with_a_clear_message():
    with pytest.raises(ValidationError, match="decompression bomb"):
        validate_image_file(upload(png_claiming(100_000, 100_000), "bomb.png"))


def test_it_refuses_a_truncated_image():
    with pytest.raises(ValidationError):
        validate_image_file(upload(encoded("JPEG", size=(400, 300))[:600], "cut.jpg"))


@pytest.mark.parametrize("name", ["../../etc/passwd.jpg", "..\\..\\win.ini", "/abs/x.png", ".."])
def test_generated_names_have_no_directory_parts(name):
    generated = fresh_name(".jpg")
    assert generated.endswith(".jpg") and len(generated) == 36
    stored = library_upload_to(None, name)
    assert stored.startswith("library/") and ".." not in stored.removeprefix("library/")
    assert "\\" not in stored and not stored.removeprefix("library/").startswith("/")
