"""Plain share links for an article page: addresses only, no third-party script."""

from urllib.parse import quote

# (label, address pattern): {url} and {text} are filled in, already URL-encoded.
NETWORKS = [
    ("Email", "mailto:?subject={text}&body={url}"),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("X", "https://x.com/intent/post?url={url}&text={text}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("WhatsApp", "https://wa.me/?text={text}%20{url}"),
]


def share_links(url: str, text: str) -> list[tuple[str, str]]:
    """Return each network's label and share address for a page `url` titled `text`."""
    encoded = {"url": quote(url, safe=""), "text": quote(text, safe="")}
    return [(label, pattern.format(**encoded)) for label, pattern in NETWORKS]
