"""The picture of an article's image that feeds, link previews and search engines take."""

import mimetypes
from typing import NamedTuple

from django.db.models.fields.files import FieldFile

from .renditions import SHARE_RATIOS, SHARE_WIDTH


class SharedPicture(NamedTuple):
    """A stored picture to share, with its size in pixels when known (else 0)."""

    file: FieldFile
    width: int
    height: int


def share_picture(use) -> SharedPicture | None:
    """Return the picture to share for an ArticleImage: a plain JPEG near 1280 wide, or None.

    Without renditions it falls back to the library file, then to the use's own upload.
    """
    if use is None:
        return None
    if use.image_id:
        jpegs = [r for r in use.image.renditions.all() if r.format == "jpeg" and "-" not in r.spec]
        best = min(jpegs, key=lambda r: abs(r.width - SHARE_WIDTH), default=None)
        chosen = best or use.image
        return SharedPicture(chosen.file, chosen.width, chosen.height)
    return SharedPicture(use.file, 0, 0) if use.file else None


def share_file(use) -> FieldFile | None:
    """Return the file of the picture to share for an ArticleImage, or None."""
    picture = share_picture(use)
    return picture.file if picture else None


def media_type(file) -> str:
    """Return the media type of a stored picture, from its name."""
    return mimetypes.guess_type(file.name)[0] or "application/octet-stream"


def share_crops(use) -> list:
    """Return the prefetched 16:9, 4:3 and 1:1 JPEG crops of an ArticleImage that exist."""
    if use is None or not use.image_id:
        return []
    jpegs = [r for r in use.image.renditions.all() if r.format == "jpeg"]
    crops = []
    for width, height in SHARE_RATIOS:
        shaped = [r for r in jpegs if r.spec.endswith(f"-{width}x{height}")]
        if shaped:
            crops.append(min(shaped, key=lambda r: abs(r.width - SHARE_WIDTH)))
    return crops
