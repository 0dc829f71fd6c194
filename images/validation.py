"""Upload checks for the image library: decode the file, never trust its name."""

import uuid
import warnings
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from .metadata import orientation

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pictures of one bit or one byte a pixel compress to almost nothing, so a tiny file can
# declare tens of megapixels that decode to hundreds of megabytes once made RGB for the
# renditions. No photograph is stored that way: such files get a lower limit, read from
# the header before anything is decoded.
LOW_DEPTH_MODES = {"1", "L", "LA", "P", "PA", "I;16"}
MAX_LOW_DEPTH_PIXELS = 12_000_000
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def validate_image_file(upload) -> str:
    """Raise ValidationError unless `upload` decodes as an allowed, reasonably sized image.

    Return its format (e.g. "JPEG").
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            "The file is %(size).1f MB; the limit is 20 MB.",
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    image_format, mode, width, height = inspect_image(upload)
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
    remember_checked(upload, image_format)
    return image_format


def remember_checked(upload, image_format: str) -> None:
    """Note on `upload` (and the uploaded file a model's field wraps) its checked format.

    A form checks an upload (the field's validator), then the upload path saves it: the
    same bytes need not be decoded twice, which for a 40-megapixel picture takes a second.
    """
    upload.checked_as = image_format
    wrapped = getattr(upload, "_file", None)
    if wrapped is not None:
        wrapped.checked_as = image_format


def inspect_image(upload) -> tuple[str, str, int, int]:
    """Return the format, mode and size `upload` declares, refusing what is not an allowed image."""
    try:
        with warnings.catch_warnings():
            # Past the decode limit (images/apps.py) Pillow warns; the checks below say why.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(rewound(upload)) as image:
                image_format, mode, (width, height) = image.format, image.mode, image.size
                image.verify()
    except PILImage.DecompressionBombError as error:
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


def fresh_name(extension: str) -> str:
    """Return a new random file name: nothing of the uploaded name (a person, a place) is kept."""
    return f"{uuid.uuid4().hex}{extension}"


def library_upload_to(instance, filename: str) -> str:
    """Return where a library image is stored, under library/YYYY/MM/, named by the upload path."""
    name = PurePath(filename.replace("\\", "/")).name.lstrip(".") or fresh_name("")
    return f"library/{timezone.now():%Y/%m}/{name}"


def measure(upload) -> tuple[int, int]:
    """Return the width and height of an already validated image, as it is shown (upright)."""
    data = rewound(upload).read()
    with PILImage.open(BytesIO(data)) as image:
        width, height = image.size
        # EXIF orientations 5 to 8 turn the picture a quarter: its stored width is its height.
        turned = orientation(image, data) in (5, 6, 7, 8)
    rewound(upload)
    return (height, width) if turned else (width, height)


ORIENTATION_TAG = 0x0112
