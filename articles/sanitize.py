"""Server-side HTML sanitising for article bodies (nh3, an allow-list)."""

import nh3

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


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the article allow-list removed."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
