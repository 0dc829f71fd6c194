"""Library pictures as an upload leaves them: renditions and shared crops made."""

from images.renditions import ensure_renditions, ensure_share_crops
from tests.factories import ImageFactory


def pictured(**fields):
    """Return a library image with its renditions and shared crops made, as an upload has."""
    # 960 × 540 keeps the suite quick and still gives each crop over 50,000 pixels.
    image = ImageFactory(**{"file__width": 960, "file__height": 540, **fields})
    ensure_renditions(image)
    ensure_share_crops(image)
    return image
