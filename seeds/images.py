"""Illustrations for the demo newsroom, drawn with Pillow and kept in the image library."""

import hashlib
import random
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import ArticleImage
from images.models import Image
from images.renditions import ensure_every_rendition

# The drawing's own coordinates; the picture is then scaled to settings.DEMO_PICTURE_SIZE.
SIZE = (1600, 900)
# Demo contributors' portraits: small squares, credited to the desk.
PORTRAIT_SIZE = 480
PORTRAIT_CREDIT = "Masthead demo portrait"
PALETTES = [
    ("#0b3954", "#f4d35e", "#087e8b", "#ff5a5f"),
    ("#22223b", "#f2e9e4", "#9a8c98", "#c9ada7"),
    ("#1d3557", "#f1faee", "#a8dadc", "#e63946"),
    ("#283618", "#fefae0", "#606c38", "#dda15e"),
    ("#3d405b", "#f4f1de", "#81b29a", "#e07a5f"),
]


def illustrate(uses: list[ArticleImage]) -> int:
    """Give each unsaved demo article image its illustration; return how many were drawn."""
    drawn = 0
    for use in uses:
        use.image, created = library_image_for(use)
        drawn += created
    return drawn


def library_image_for(use: ArticleImage) -> tuple[Image, bool]:
    """Return the illustration for one article image, drawing it only the first time."""
    existing = Image.objects.filter(
        caption=use.caption, credit=use.credit, alt_text=use.alt_text
    ).first()
    if existing:
        return existing, False
    seed = f"{use.article.slug}/{use.caption}"
    image = Image(caption=use.caption, credit=use.credit, alt_text=use.alt_text)
    image.file.save(f"{use.article.slug[:30]}.jpg", ContentFile(illustration(seed)), save=False)
    image.save()
    ensure_every_rendition(image)
    return image, True


def portrait_for(person) -> tuple[Image, bool]:
    """Return a demo contributor's portrait from the library, drawing it only the first time."""
    caption = f"{person.full_name}, portrait"
    existing = Image.objects.filter(caption=caption, credit=PORTRAIT_CREDIT).first()
    if existing:
        return existing, False
    image = Image(caption=caption, credit=PORTRAIT_CREDIT, alt_text=f"{person.full_name}")
    image.file.save(f"{person.slug[:30]}.jpg", ContentFile(silhouette(person.slug)), save=False)
    image.focal_y = 0.4  # the face, a little above the middle
    image.save()
    ensure_every_rendition(image)
    return image, True


def silhouette(seed: str) -> bytes:
    """Return a square JPEG of a head and shoulders on a plain ground, the same for one seed."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    ground, light, mid, _ = rng.choice(PALETTES)
    side = PORTRAIT_SIZE
    picture = PILImage.new("RGB", (side, side), ground)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((side * 0.2, side * 0.72, side * 0.8, side * 1.3), fill=mid)
    draw.ellipse((side * 0.33, side * 0.22, side * 0.67, side * 0.62), fill=light)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def illustration(seed: str) -> bytes:
    """Return a JPEG of a harbour skyline or a route map, the same for the same seed."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    sky, light, mid, accent = rng.choice(PALETTES)
    picture = PILImage.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(picture)
    if "map" in seed.lower():
        draw_map(draw, rng, light, mid, accent)
    else:
        draw_skyline(draw, rng, light, mid, accent)
    if picture.size != tuple(settings.DEMO_PICTURE_SIZE):
        # Flat shapes scale cleanly with BOX, several times faster than LANCZOS.
        picture = picture.resize(settings.DEMO_PICTURE_SIZE, PILImage.Resampling.BOX)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def draw_skyline(draw, rng, light, mid, accent) -> None:
    """Draw a sun, a row of towers and the water in front of them."""
    width, height = SIZE
    sun = rng.randint(200, width - 200)
    draw.ellipse((sun - 110, 140, sun + 110, 360), fill=accent)
    x = 0
    while x < width:
        tower_w = rng.randint(60, 160)
        top = rng.randint(260, 560)
        draw.rectangle((x, top, x + tower_w, height * 0.72), fill=mid)
        for wy in range(top + 20, int(height * 0.7), 40):
            for wx in range(x + 12, x + tower_w - 16, 28):
                if rng.random() < 0.55:
                    draw.rectangle((wx, wy, wx + 12, wy + 18), fill=light)
        x += tower_w + rng.randint(4, 30)
    draw.rectangle((0, height * 0.72, width, height), fill=light)
    for y in range(int(height * 0.75), height, 26):
        draw.line(
            (rng.randint(0, width // 2), y, rng.randint(width // 2, width), y), fill=mid, width=4
        )


def draw_map(draw, rng, light, mid, accent) -> None:
    """Draw land masses, and routes joining a home port to other cities."""
    width, height = SIZE
    for _ in range(7):
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        rx, ry = rng.randint(120, 420), rng.randint(80, 260)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=mid)
    home = (width * 0.62, height * 0.48)
    for _ in range(5):
        city = (rng.randint(80, width - 80), rng.randint(80, height - 80))
        middle = ((home[0] + city[0]) / 2, min(home[1], city[1]) - 120)
        draw.line([home, middle, city], fill=accent, width=7, joint="curve")
        draw.ellipse((city[0] - 14, city[1] - 14, city[0] + 14, city[1] + 14), fill=light)
    draw.ellipse((home[0] - 22, home[1] - 22, home[0] + 22, home[1] + 22), fill=accent)
