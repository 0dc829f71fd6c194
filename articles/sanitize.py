"""Server-side HTML sanitising for article bodies (nh3, an allow-list)."""

import re

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # data-file is the library image id the editor's figure picker records.
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "data-file"},
    # data-image-id is the library image of an editor's figure; data-article-image is the
    # article's picture record an imported caption is waiting on.
    "figure": {"data-image-id", "data-article-image"},
}
# Classes are checked value by value, so no other class can ride in on `class`.
ALLOWED_CLASSES = {"figure": {"needs-image"}, "span": {"credit"}}
URL_SCHEMES = {"http", "https", "mailto"}
# An <img> left without a src by the filter below; nh3's output is tidy enough for a pattern.
IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>")


def is_our_media(url: str) -> bool:
    """Return True if `url` points into our own media storage (the image library)."""
    media = settings.MEDIA_URL
    return url.startswith(media) and ".." not in url and not url.startswith("//")


def keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """Drop a picture's src (and srcset) unless it is our own media: nothing is hot-linked."""
    if element != "img" or attribute not in {"src", "srcset"}:
        return value
    urls = [part.split()[0] for part in value.split(",") if part.strip()]
    return value if urls and all(map(is_our_media, urls)) else None


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the article allow-list removed."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=keep_attribute,
    )
    return IMG_WITHOUT_SRC.sub("", cleaned).strip()
