"""Make resized WebP and JPEG renditions of library images once, and find them afterwards."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage

from .models import Image, Rendition
from .validation import ORIENTATION_TAG, remember_checked

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
    image: Image,
    ratio: Ratio = None,
    *,
    widths: list[int] | None = None,
    formats=tuple(FORMATS),
    source: "Source | None" = None,
) -> list[Rendition]:
    """Create the renditions `image` still lacks and return all of them, smallest first.

    `widths` and `formats` narrow the set; by default every width in both formats. Pass one
    `Source` to several calls for one image, so that its file is decoded once.
    """
    widths = widths or target_widths(usable_width(image, ratio))
    existing = {(r.format, r.spec): r for r in image.renditions.all()}
    wanted = [
        (width, [fmt for fmt in formats if (fmt, spec_name(width, ratio)) not in existing])
        for width in widths
    ]
    wanted = [(width, fmts) for width, fmts in wanted if fmts]
    if wanted:
        resized = cropped = (source or Source(image)).cropped(ratio)
        # Widest first, each from the one before: a few passes over a large picture, not one
        # a width. Once per width, however many formats.
        for width, fmts in sorted(wanted, reverse=True):
            resized = fit(resized, width, shape=cropped.size)
            for fmt in fmts:
                rendition = store(image, resized, fmt, ratio)
                existing[(rendition.format, rendition.spec)] = rendition
        # A prefetched list no longer tells the truth; the next call reads the table again.
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    wanted_keys = {(fmt, spec_name(width, ratio)) for width in widths for fmt in formats}
    chosen = [r for key, r in existing.items() if key in wanted_keys]
    return sorted(chosen, key=lambda r: (r.width, r.format))


def ensure_every_rendition(image: Image) -> None:
    """Create every rendition, share crop and card crop `image` lacks, decoding it once."""
    source = Source(image)
    ensure_renditions(image, source=source)
    ensure_share_crops(image, source=source)
    ensure_card_crops(image, source=source)


class Source:
    """An image's picture, decoded, turned upright and flattened once, for all its renditions.

    A large original is first reduced by a whole factor (a fast box filter) to no less than
    the widest rendition on its shorter side: a 40-megapixel picture is then worked on at a
    quarter of its pixels, and each rendition still comes from a larger picture.
    """

    def __init__(self, image: Image):
        self.image = image
        self._upright: PILImage.Image | None = None

    @property
    def upright(self) -> PILImage.Image:
        if self._upright is None:
            with self.image.file.open("rb"), PILImage.open(self.image.file) as source:
                self._upright = flattened(source)
        return self._upright

    def cropped(self, ratio: Ratio) -> PILImage.Image:
        """Return the upright picture, cropped to `ratio` around the focal point if asked."""
        picture = self.upright
        if ratio is None:
            return picture
        return picture.crop(crop_box(picture.size, self.image.focal_point, ratio))


def ensure_share_crops(image: Image, *, source: Source | None = None) -> list[Rendition]:
    """Create the JPEG crops for sharing (16:9, 4:3, 1:1) that `image` lacks; return all three."""
    jpeg = [Rendition.Format.JPEG]
    source = source or Source(image)
    return [
        rendition
        for ratio in SHARE_RATIOS
        for rendition in ensure_renditions(
            image, ratio, widths=[share_width(image, ratio)], formats=jpeg, source=source
        )
    ]


def ensure_card_crops(image: Image, *, source: Source | None = None) -> list[Rendition]:
    """Create the 16:9 crops that fronts' featured cards show, in both formats; return them."""
    usable = usable_width(image, CARD_RATIO)
    widths = [width for width in CARD_WIDTHS if width <= usable] or [usable]
    return ensure_renditions(image, CARD_RATIO, widths=widths, source=source)


def share_width(image: Image, ratio: Ratio) -> int:
    """Return the width of the shared crop: the widest rendition width up to SHARE_WIDTH."""
    return max(w for w in target_widths(usable_width(image, ratio)) if w <= SHARE_WIDTH)


# How each EXIF orientation is undone (as Pillow's ImageOps.exif_transpose does).
UPRIGHT = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}
REDUCIBLE_MODES = {"RGB", "RGBA", "L", "LA"}


def flattened(source: PILImage.Image) -> PILImage.Image:
    """Return the first frame of `source` upright, in RGB on white, reduced if it is large."""
    source.seek(0)  # the first frame of an animated GIF
    orientation = source.getexif().get(ORIENTATION_TAG, 1)
    factor = max(1, min(source.size) // WIDTHS[-1])
    if source.format == "JPEG" and factor > 1:
        # JPEG decodes at 1/2, 1/4 or 1/8 scale almost for free; draft never goes below this.
        source.draft("RGB", (source.width // factor, source.height // factor))
        factor = max(1, min(source.size) // WIDTHS[-1])
    picture = source if source.mode in REDUCIBLE_MODES else source.convert("RGBA")
    if factor > 1:
        picture = picture.reduce(factor)
    if orientation in UPRIGHT:
        picture = picture.transpose(UPRIGHT[orientation])
    if picture.mode in ("RGBA", "LA"):
        background = PILImage.new("RGBA", picture.size, "white")
        return PILImage.alpha_composite(background, picture.convert("RGBA")).convert("RGB")
    return picture if picture.mode == "RGB" and picture is not source else picture.convert("RGB")


def fit(picture: PILImage.Image, width: int, *, shape: tuple[int, int]) -> PILImage.Image:
    """Return `picture` resized to `width`, its height in proportion to `shape` (w, h)."""
    if width == picture.width:
        return picture
    height = max(1, round(shape[1] * width / shape[0]))
    return picture.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)


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


def store(image: Image, resized: PILImage.Image, fmt: str, ratio: Ratio) -> Rendition:
    """Save an already resized picture through the storage API and record it."""
    buffer = BytesIO()
    resized.save(buffer, **FORMATS[fmt])
    width, height = resized.size
    spec = spec_name(width, ratio)
    extension = "jpg" if fmt == Rendition.Format.JPEG else "webp"
    rendition = Rendition(image=image, format=fmt, spec=spec, width=width, height=height)
    # The upload path gives the file a fresh random name (images/uploads.py).
    name = f"{PurePosixPath(image.file.name).stem}-{spec}.{extension}"
    made = ContentFile(buffer.getvalue())
    # Made here by Pillow from a checked picture: the upload path need not decode it again.
    remember_checked(made, FORMATS[fmt]["format"])
    rendition.file.save(name, made, save=False)
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
