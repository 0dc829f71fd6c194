"""The picture of an article's image that feeds, link previews and search engines take."""

import mimetypes

from .renditions import SHARE_RATIOS, SHARE_WIDTH


def share_file(use):
    """Return the file to share for an ArticleImage: a plain JPEG near 1280 wide, or None.

    Without renditions it falls back to the library file, then to the use's own upload.
    """
    if use is None:
        return None
    if use.image_id:
        jpegs = [r for r in use.image.renditions.all() if r.format == "jpeg" and "-" not in r.spec]
        best = min(jpegs, key=lambda r: abs(r.width - SHARE_WIDTH), default=None)
        return best.file if best else use.image.file
    return use.file or None


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
