"""Make resized WebP and JPEG renditions of library images once, and find them afterwards."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from PIL import ImageOps

from .models import Image, Rendition

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = {
    Rendition.Format.WEBP: {"format": "WEBP", "quality": 76, "method": 4},
    Rendition.Format.JPEG: {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True},
}
Ratio = tuple[int, int] | None
# Search engines ask for a lead picture in these three shapes (Google's Article structured
# data: "16x9, 4x3, and 1x1"); one JPEG of each, at most this wide, is enough to share.
SHARE_RATIOS = ((16, 9), (4, 3), (1, 1))
SHARE_WIDTH = 1280
# The lead and secondary cards of a front show the lead picture in this shape, at most
# about a third of the page wide (templates/includes/front_top.html).
CARD_RATIO = (16, 9)
CARD_WIDTHS = (320, 640, 960)


def spec_name(width: int, ratio: Ratio = None) -> str:
    """Return the stored name of a rendition spec, e.g. "640w" or "640w-16x9"."""
    return f"{width}w" if ratio is None else f"{width}w-{ratio[0]}x{ratio[1]}"


def target_widths(source_width: int) -> list[int]:
    """Return the rendition widths for a source, never wider than the source itself."""
    widths = [width for width in WIDTHS if width <= source_width]
    return widths or [source_width]


def usable_width(image: Image, ratio: Ratio) -> int:
    """Return the source width left once the image is cropped to `ratio`."""
    if ratio is None:
        return image.width
    left, _, right, _ = crop_box((image.width, image.height), image.focal_point, ratio)
    return right - left


def ensure_renditions(
    image: Image, ratio: Ratio = None, *, widths: list[int] | None = None, formats=tuple(FORMATS)
) -> list[Rendition]:
    """Create the renditions `image` still lacks and return all of them, smallest first.

    `widths` and `formats` narrow the set; by default every width in both formats.
    """
    widths = widths or target_widths(usable_width(image, ratio))
    existing = {(r.format, r.spec): r for r in image.renditions.all()}
    wanted = [
        (fmt, width)
        for width in widths
        for fmt in formats
        if (fmt, spec_name(width, ratio)) not in existing
    ]
    if wanted:
        with image.file.open("rb"), PILImage.open(image.file) as source:
            prepared = prepare(source, image.focal_point, ratio)
            for fmt, width in wanted:
                rendition = store(image, prepared, fmt, width, ratio)
                existing[(rendition.format, rendition.spec)] = rendition
        # A prefetched list no longer tells the truth; the next call reads the table again.
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    wanted_keys = {(fmt, spec_name(width, ratio)) for width in widths for fmt in formats}
    chosen = [r for key, r in existing.items() if key in wanted_keys]
    return sorted(chosen, key=lambda r: (r.width, r.format))


def ensure_share_crops(image: Image) -> list[Rendition]:
    """Create the JPEG crops for sharing (16:9, 4:3, 1:1) that `image` lacks; return all three."""
    jpeg = [Rendition.Format.JPEG]
    return [
        rendition
        for ratio in SHARE_RATIOS
        for rendition in ensure_renditions(
            image, ratio, widths=[share_width(image, ratio)], formats=jpeg
        )
    ]


def ensure_card_crops(image: Image) -> list[Rendition]:
    """Create the 16:9 crops that fronts' featured cards show, in both formats; return them."""
    usable = usable_width(image, CARD_RATIO)
    widths = [width for width in CARD_WIDTHS if width <= usable] or [usable]
    return ensure_renditions(image, CARD_RATIO, widths=widths)


def share_width(image: Image, ratio: Ratio) -> int:
    """Return the width of the shared crop: the widest rendition width up to SHARE_WIDTH."""
    return max(w for w in target_widths(usable_width(image, ratio)) if w <= SHARE_WIDTH)


def prepare(source: PILImage.Image, focal: tuple[float, float], ratio: Ratio) -> PILImage.Image:
    """Return the upright RGB picture, cropped to `ratio` around the focal point if asked."""
    source.seek(0)  # the first frame of an animated GIF
    picture = ImageOps.exif_transpose(source.convert("RGBA"))
    background = PILImage.new("RGBA", picture.size, "white")
    picture = PILImage.alpha_composite(background, picture).convert("RGB")
    return picture if ratio is None else picture.crop(crop_box(picture.size, focal, ratio))


def crop_box(size: tuple[int, int], focal: tuple[float, float], ratio) -> tuple[int, ...]:
    """Return the largest box of `ratio` inside `size` centred as near the focal point as fits."""
    width, height = size
    crop_w = min(width, round(height * ratio[0] / ratio[1]))
    crop_h = min(height, round(crop_w * ratio[1] / ratio[0]))
    left = clamp(round(focal[0] * width - crop_w / 2), 0, width - crop_w)
    top = clamp(round(focal[1] * height - crop_h / 2), 0, height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def clamp(value: int, low: int, high: int) -> int:
    """Return `value` limited to the range low..high."""
    return max(low, min(value, high))


def store(image: Image, picture: PILImage.Image, fmt: str, width: int, ratio: Ratio) -> Rendition:
    """Resize `picture` to `width`, save it through the storage API and record it."""
    height = max(1, round(picture.height * width / picture.width))
    resized = (
        picture
        if width == picture.width
        else picture.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    )
    buffer = BytesIO()
    resized.save(buffer, **FORMATS[fmt])
    spec = spec_name(width, ratio)
    extension = "jpg" if fmt == Rendition.Format.JPEG else "webp"
    rendition = Rendition(image=image, format=fmt, spec=spec, width=width, height=height)
    # The library file's stem carries a random token, so rendition names never collide.
    name = f"{PurePosixPath(image.file.name).stem}-{spec}.{extension}"
    rendition.file.save(name, ContentFile(buffer.getvalue()), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another process made the same rendition first; keep theirs.
        rendition.file.delete(save=False)
        rendition = Rendition.objects.get(image=image, format=fmt, spec=spec)
    return rendition


def discard_renditions(image: Image) -> None:
    """Delete the image's renditions and their files, e.g. after a new crop or file."""
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
    image.renditions.all().delete()
