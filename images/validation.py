"""Upload checks for the image library: decode the file, never trust its name."""

import uuid
import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def validate_image_file(upload) -> None:
    """Raise ValidationError unless `upload` decodes as an allowed, reasonably sized image."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            "The file is %(size).1f MB; the limit is 20 MB.",
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    _format, width, height = inspect_image(upload)
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)d × %(h)d pixels (%(mp).1f megapixels); the limit is 40.",
            code="too_many_pixels",
            params={"w": width, "h": height, "mp": width * height / 1_000_000},
        )
    decode_fully(upload)


def inspect_image(upload) -> tuple[str, int, int]:
    """Return the decoded format and size of `upload`, refusing what is not an allowed image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(rewound(upload)) as image:
                image_format, (width, height) = image.format, image.size
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
    return image_format, width, height


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
    """Return the width and height of an already validated image."""
    with PILImage.open(rewound(upload)) as image:
        size = image.size
    rewound(upload)
    return size
