"""Check a NewsArticle's JSON-LD against schema.org and Google's documented properties.

Sources, as read in 2025: schema.org/NewsArticle (schema.org 29.x); Google Search Central,
"Article (Article, NewsArticle, BlogPosting) structured data": author with name and url,
datePublished and dateModified in ISO 8601 with a time zone, headline, and image as several
high-resolution pictures ("minimum of 50K pixels when multiplying width and height") in the
aspect ratios 16x9, 4x3 and 1x1; "Logo" structured data: a logo at least 112 × 112 pixels.
"""

from datetime import datetime
from urllib.parse import urlparse

IMAGE_RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3, "1:1": 1.0}
# Resizing rounds a crop's height to whole pixels, so a ratio is matched within 1%.
RATIO_TOLERANCE = 0.01
MIN_IMAGE_PIXELS = 50_000
MIN_LOGO_SIDE = 112


def news_article_problems(data: dict, *, pictured: bool) -> list[str]:
    """Return what is missing or wrong in a NewsArticle; `pictured` when it has a picture."""
    problems = []
    if data.get("@context") != "https://schema.org" or data.get("@type") != "NewsArticle":
        problems.append("not a schema.org NewsArticle")
    for name in ("headline", "description"):
        if not text(data.get(name)):
            problems.append(f"{name} is missing or empty")
    problems += date_problems(data)
    problems += author_problems(data.get("author"))
    problems += publisher_problems(data.get("publisher"))
    if pictured:
        problems += image_problems(data.get("image"))
    return problems


def text(value) -> bool:
    """Return True for a non-blank string."""
    return isinstance(value, str) and bool(value.strip())


def absolute(url) -> bool:
    """Return True for an absolute http(s) URL."""
    return isinstance(url, str) and urlparse(url).scheme in {"http", "https"}


def moment(value):
    """Return the ISO 8601 date-time `value` with its time zone, or None."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else None


def date_problems(data: dict) -> list[str]:
    """Return problems with datePublished and dateModified."""
    published, modified = moment(data.get("datePublished")), moment(data.get("dateModified"))
    problems = [
        f"{name} is not an ISO 8601 date-time with a time zone"
        for name, value in (("datePublished", published), ("dateModified", modified))
        if value is None
    ]
    if published and modified and modified < published:
        problems.append("dateModified is before datePublished")
    return problems


def author_problems(authors) -> list[str]:
    """Return problems with the author list: people or organisations with a name and a URL."""
    if not isinstance(authors, list) or not authors:
        return ["author is missing"]
    return [
        f"author {n} needs @type Person or Organization, a name and an absolute url"
        for n, author in enumerate(authors)
        if author.get("@type") not in {"Person", "Organization"}
        or not text(author.get("name"))
        or not absolute(author.get("url"))
    ]


def publisher_problems(publisher) -> list[str]:
    """Return problems with the publisher: an organisation with a name and a large enough logo."""
    if not isinstance(publisher, dict) or publisher.get("@type") != "Organization":
        return ["publisher is not an Organization"]
    logo = publisher.get("logo") or {}
    problems = [] if text(publisher.get("name")) else ["publisher has no name"]
    if not absolute(logo.get("url")):
        problems.append("publisher logo has no absolute url")
    if min(logo.get("width", 0), logo.get("height", 0)) < MIN_LOGO_SIDE:
        problems.append(f"publisher logo is smaller than {MIN_LOGO_SIDE} px")
    return problems


def image_problems(images) -> list[str]:
    """Return problems with the images: one large enough of each of the three ratios."""
    if not isinstance(images, list) or not images:
        return ["image is missing"]
    problems, ratios = [], set()
    for n, image in enumerate(images):
        if not isinstance(image, dict) or not absolute(image.get("url")):
            problems.append(f"image {n} is not an ImageObject with an absolute url")
            continue
        width, height = image.get("width", 0), image.get("height", 0)
        if width * height < MIN_IMAGE_PIXELS:
            problems.append(f"image {n} has fewer than {MIN_IMAGE_PIXELS} pixels")
        ratios.add(ratio_name(width, height))
    if ratios != IMAGE_RATIOS.keys():
        problems.append(f"image ratios are {sorted(map(str, ratios))}, not 16:9, 4:3 and 1:1")
    return problems


def ratio_name(width: int, height: int) -> str | None:
    """Return "16:9", "4:3" or "1:1" for a size of that shape, else None."""
    if not height:
        return None
    shape = width / height
    return next(
        (name for name, ratio in IMAGE_RATIOS.items() if abs(shape / ratio - 1) <= RATIO_TOLERANCE),
        None,
    )
