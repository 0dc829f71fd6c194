"""Upload checks for the image library: decode the file, never trust its name."""

import uuid
import warnings
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pictures of one bit or one byte a pixel compress to almost nothing, so a tiny file can
# declare tens of megapixels that decode to hundreds of megabytes once made RGB for the
# renditions. No photograph is stored that way: such files get a lower limit, read from
# the header before anything is decoded.
LOW_DEPTH_MODES = {"1", "L", "LA", "P", "PA", "I;16"}
MAX_LOW_DEPTH_PIXELS = 12_000_000
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def validate_image_file(upload) -> None:
    """Raise ValidationError unless `upload` decodes as an allowed, reasonably sized image."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            "The file is %(size).1f MB; the limit is 20 MB.",
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    _format, mode, width, height = inspect_image(upload)
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)d × %(h)d pixels (%(mp).1f megapixels); the limit is 40.",
            code="too_many_pixels",
            params={"w": width, "h": height, "mp": width * height / 1_000_000},
        )
    if mode in LOW_DEPTH_MODES and width * height > MAX_LOW_DEPTH_PIXELS:
        raise ValidationError(
            "The image is a %(mp).1f-megapixel drawing of few colours; such images may have "
            "at most 12 megapixels. Save it as a smaller picture, or as a JPEG photograph.",
            code="too_many_pixels_for_mode",
            params={"mp": width * height / 1_000_000},
        )
    decode_fully(upload)


def inspect_image(upload) -> tuple[str, str, int, int]:
    """Return the format, mode and size `upload` declares, refusing what is not an allowed image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(rewound(upload)) as image:
                image_format, mode, (width, height) = image.format, image.mode, image.size
                image.verify()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise ValidationError(
            "The image declares far more pixels than it could hold (a decompression bomb); "
            "it was refused.",
            code="decompression_bomb",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not a readable JPEG, PNG, WebP or GIF image.", code="not_an_image"
        ) from error
    if image_format not in EXTENSIONS:
        raise ValidationError(
            "%(format)s images are not accepted; use JPEG, PNG, WebP or GIF.",
            code="format",
            params={"format": image_format},
        )
    return image_format, mode, width, height


def decode_fully(upload) -> None:
    """Decode every pixel once, so a truncated or corrupt file is refused now."""
    try:
        with PILImage.open(rewound(upload)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "The image is damaged or truncated and cannot be decoded.", code="corrupt"
        ) from error
    finally:
        rewound(upload)


def rewound(upload):
    """Return `upload` positioned at its first byte."""
    upload.seek(0)
    return upload


def detected_extension(upload) -> str:
    """Return the extension matching the decoded format, or an empty string."""
    try:
        with PILImage.open(rewound(upload)) as image:
            return EXTENSIONS.get(image.format, "")
    except (UnidentifiedImageError, OSError, ValueError):
        return ""
    finally:
        rewound(upload)


def safe_file_name(original: str, extension: str) -> str:
    """Return a fresh file name with no directory parts, whatever `original` was."""
    stem = slugify(PurePath(original.replace("\\", "/")).stem)[:40] or "image"
    return f"{stem}-{uuid.uuid4().hex[:12]}{extension}"


def library_upload_to(instance, filename: str) -> str:
    """Return where an uploaded library image is stored, under library/YYYY/MM/."""
    extension = detected_extension(instance.file) if instance.file else ""
    return f"library/{timezone.now():%Y/%m}/{safe_file_name(filename, extension)}"


def measure(upload) -> tuple[int, int]:
    """Return the width and height of an already validated image, as it is shown (upright)."""
    with PILImage.open(rewound(upload)) as image:
        width, height = image.size
        # EXIF orientations 5 to 8 turn the picture a quarter: its stored width is its height.
        turned = image.getexif().get(ORIENTATION_TAG, 1) in (5, 6, 7, 8)
    rewound(upload)
    return (height, width) if turned else (width, height)


ORIENTATION_TAG = 0x0112
# How an upright original is written back without its metadata, per format.
CLEAN_SAVE = {"JPEG": {"quality": 95}, "PNG": {"optimize": True}, "WEBP": {"quality": 95}}


def without_metadata(upload) -> ContentFile | None:
    """Return the picture of `upload` upright and stripped of EXIF (GPS, camera), or None.

    The original is served as it is stored, so location and camera details must not be in
    it. GIFs carry no EXIF and keep their frames, so they are left as they are.
    """
    with PILImage.open(rewound(upload)) as image:
        image_format = image.format
        if image_format not in CLEAN_SAVE:
            return None
        upright = ImageOps.exif_transpose(image)
        # Saved without `exif`: Pillow writes metadata only when it is handed over.
        icc = image.info.get("icc_profile")
        buffer = BytesIO()
        upright.save(buffer, format=image_format, icc_profile=icc, **CLEAN_SAVE[image_format])
    rewound(upload)
    return ContentFile(buffer.getvalue(), name=PurePath(upload.name or "image").name)
