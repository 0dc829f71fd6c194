"""Strip what a picture says about where and how it was made, without decoding it if possible.

JPEG and PNG files are rewritten segment by segment, keeping only what draws the picture
(and its colour profile): lossless, and fast even for tens of megapixels. A picture that is
stored turned (an EXIF orientation), and WebP or GIF files carrying metadata, are decoded and
saved again by Pillow, upright and with nothing but the pixels and the colour profile.
"""

import struct
from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageOps

ORIENTATION_TAG = 0x0112
# PNG chunks that draw the picture or say how to colour it; text, EXIF, time and any private
# chunk are left out.
PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
    b"sBIT", b"pHYs", b"bKGD", b"cICP", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG application segments kept, by marker and how their data begins: the JFIF header,
# the ICC colour profile and Adobe's colour transform. EXIF, XMP, IPTC, comments,
# thumbnails and second pictures (MPF) are all left out.
JPEG_KEPT_APP = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
# How a picture that must be decoded is saved again, per format.
RESAVE = {
    "JPEG": {"quality": 95},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 95},
    "GIF": {"save_all": True},
}
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "icc_profile")


def orientation(image: PILImage.Image, data: bytes) -> int:
    """Return the EXIF orientation of the opened `image` whose file is `data` (1: upright)."""
    # Pillow decodes a whole PNG to look for EXIF stored after the pixels: skip that (a
    # second for 40 megapixels) unless the file has an EXIF chunk at all.
    if image.format == "PNG" and "exif" not in image.info and b"eXIf" not in data:
        return 1
    return image.getexif().get(ORIENTATION_TAG, 1) or 1


def stripped(data: bytes, image_format: str) -> bytes:
    """Return the picture in `data` upright, without EXIF, GPS, XMP, IPTC or comments."""
    with PILImage.open(BytesIO(data)) as image:
        turned = orientation(image, data) != 1
        if turned or (image_format in ("WEBP", "GIF") and _carries_metadata(image)):
            return _resaved(image, image_format)
    if image_format == "JPEG":
        return _jpeg_without_metadata(data)
    if image_format == "PNG":
        return _png_without_metadata(data)
    return data


def _carries_metadata(image: PILImage.Image) -> bool:
    return any(key in image.info for key in METADATA_KEYS if key != "icc_profile")


def _resaved(image: PILImage.Image, image_format: str) -> bytes:
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image) if image_format != "GIF" else image
    # Pillow writes metadata found in `info` back out (a GIF's comment, a WebP's XMP).
    for key in METADATA_KEYS:
        upright.info.pop(key, None)
    options = dict(RESAVE[image_format])
    if icc and image_format != "GIF":
        options["icc_profile"] = icc
    buffer = BytesIO()
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _png_without_metadata(data: bytes) -> bytes:
    kept, position = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind in PNG_KEPT:
            kept.append(data[position:end])
        if kind == b"IEND":
            break
        position = end
    return b"".join(kept)


def _jpeg_without_metadata(data: bytes) -> bytes:
    kept, position = [data[:2]], 2
    while position < len(data) - 1:
        marker = data[position + 1]
        if data[position] != 0xFF or marker == 0xFF:
            position += 1  # fill bytes between segments
            continue
        if marker == 0xD9:  # end of image: anything after it (a second picture) is dropped
            kept.append(data[position : position + 2])
            break
        if marker in JPEG_STANDALONE:
            kept.append(data[position : position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if _jpeg_segment_kept(marker, data[position + 4 : end]):
            kept.append(data[position:end])
        if marker == 0xDA:  # start of scan: the compressed pixels run to the next marker
            scan_end = _scan_end(data, end)
            kept.append(data[end:scan_end])
            end = scan_end
        position = end
    return b"".join(kept)


def _jpeg_segment_kept(marker: int, payload: bytes) -> bool:
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:
        prefix = JPEG_KEPT_APP.get(marker)
        return prefix is not None and payload.startswith(prefix)
    return True


def _scan_end(data: bytes, position: int) -> int:
    """Return where the compressed data starting at `position` ends (at the next marker)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position
