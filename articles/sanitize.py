"""Server-side HTML sanitising for article bodies (nh3, an allow-list)."""

import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError

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
# The sanitiser's parser takes time that grows with the square of the nesting depth
# (20,000 levels: 2 s; 100,000: past any server's timeout). No story nests more than a few
# levels, nor runs to a megabyte of HTML (a long feature is about 100 kB).
MAX_HTML_CHARS = 1_000_000
MAX_HTML_DEPTH = 500
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
VOID_ELEMENTS = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area"}
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


def check_html_bounds(html: str) -> None:
    """Raise ValidationError if `html` is too long or nested too deep to sanitise quickly."""
    if len(html or "") > MAX_HTML_CHARS:
        raise ValidationError(
            "The text is %(size)d characters of HTML; the limit is %(limit)d.",
            code="too_long",
            params={"size": len(html), "limit": MAX_HTML_CHARS},
        )
    if html and html.count("<") > MAX_HTML_DEPTH and nesting_depth(html) > MAX_HTML_DEPTH:
        raise ValidationError(
            "The HTML nests elements more than %(limit)d levels deep; no story needs that.",
            code="too_deep",
            params={"limit": MAX_HTML_DEPTH},
        )


def nesting_depth(html: str) -> int:
    """Return the deepest nesting of elements in `html`, counting unclosed ones as open."""
    depth = deepest = 0
    for closing, name, self_closing in TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in VOID_ELEMENTS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the article allow-list removed.

    Raise ValidationError for HTML too large or deep to sanitise (check_html_bounds).
    """
    check_html_bounds(html)
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
