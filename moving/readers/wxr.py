"""WordPress's WXR export (1.1 and 1.2), read as a stream with entities and DTDs refused.

Two passes over the file, each holding one element at a time: the first gathers what posts
refer to (authors, guest authors, categories, tags, attachments), the second yields posts.
A 50,000-post export is never in memory whole.
"""

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from defusedxml.ElementTree import iterparse

from moving.bodies import wordpress_html
from moving.records import SourceAuthor, SourceCategory, SourcePicture, SourcePost, SourceTag

STATUSES = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "review",
    "private": "private",
}
KINDS = {"post": "post", "page": "page"}
# Co-Authors Plus keeps a post's authors as terms of this taxonomy, "cap-<login>", in order.
COAUTHOR_TAXONOMY = "author"
COAUTHOR_PREFIX = "cap-"
NO_DATE = "0000-00-00 00:00:00"


def prefixed(tag: str) -> str:
    """Return an element's name as WXR writes it ("wp:post_id"), whatever the version."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if "/excerpt/" in namespace:
        return f"excerpt:{local}"
    if "wordpress.org/export" in namespace:
        return f"wp:{local}"
    if "modules/content" in namespace:
        return f"content:{local}"
    if "purl.org/dc/elements" in namespace:
        return f"dc:{local}"
    return local


def elements(path: Path, names: set[str]) -> Iterator[tuple[str, object]]:
    """Yield each element named in `names` (as "wp:item"-style names), then free it."""
    root = None
    for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
        if root is None:
            root = element
        if event != "end":
            continue
        name = prefixed(element.tag)
        if name in names:
            yield name, element
            element.clear()
            # The channel keeps a reference to each finished child: drop them as we go.
            if len(root) and (channel := root[0]) is not None and len(channel) > 64:
                del channel[:-1]


def text(element, name: str) -> str:
    """Return the text of the child called `name`, "" when missing."""
    for child in element:
        if prefixed(child.tag) == name:
            return (child.text or "").strip()
    return ""


def name_text(element, name: str) -> str:
    """Return a name WordPress stored HTML-escaped ("Ferries &amp; piers"), unescaped."""
    return html.unescape(text(element, name))


def children(element, name: str) -> list:
    return [child for child in element if prefixed(child.tag) == name]


def meta(element) -> dict[str, str]:
    """Return an item's postmeta as a dict."""
    return {
        text(item, "wp:meta_key"): text(item, "wp:meta_value")
        for item in children(element, "wp:postmeta")
    }


@dataclass
class Site:
    """What the first pass gathers: everything a post refers to by key."""

    base_url: str = ""
    authors: dict[str, SourceAuthor] = field(default_factory=dict)
    categories: dict[str, SourceCategory] = field(default_factory=dict)
    tags: dict[str, SourceTag] = field(default_factory=dict)
    attachments: dict[str, SourcePicture] = field(default_factory=dict)
    version: str = ""
    posts: int = 0  # posts and pages, for a progress bar


def read_site(path: Path) -> Site:
    """First pass: the site's authors, guest authors, categories, tags and attachments."""
    site = Site()
    wanted = {
        "wp:author",
        "wp:category",
        "wp:tag",
        "wp:term",
        "item",
        "wp:base_site_url",
        "wp:wxr_version",
    }
    for name, element in elements(path, wanted):
        if name == "wp:wxr_version":
            site.version = (element.text or "").strip()
        elif name == "wp:base_site_url":
            site.base_url = (element.text or "").strip()
        elif name == "wp:author":
            login = text(element, "wp:author_login")
            site.authors[login] = SourceAuthor(
                key=login,
                name=name_text(element, "wp:author_display_name") or login,
                email=text(element, "wp:author_email"),
            )
        elif name == "wp:category":
            slug = text(element, "wp:category_nicename")
            site.categories[slug] = SourceCategory(
                key=slug,
                name=name_text(element, "wp:cat_name") or slug,
                parent=text(element, "wp:category_parent"),
                description=text(element, "wp:category_description"),
            )
        elif name == "wp:tag":
            slug = text(element, "wp:tag_slug")
            site.tags[slug] = SourceTag(key=slug, name=name_text(element, "wp:tag_name") or slug)
        elif name == "item":
            _gather_item(site, element)
    return site


def _gather_item(site: Site, element) -> None:
    kind = text(element, "wp:post_type")
    if kind in KINDS:
        site.posts += 1
    elif kind == "attachment":
        site.attachments[text(element, "wp:post_id")] = SourcePicture(
            url=text(element, "wp:attachment_url") or text(element, "guid"),
            caption=text(element, "excerpt:encoded"),
            alt=meta(element).get("_wp_attachment_image_alt", ""),
        )
    elif kind == "guest-author":  # Co-Authors Plus
        details = meta(element)
        login = details.get("cap-user_login") or text(element, "wp:post_name")
        site.authors[f"{COAUTHOR_PREFIX}{login}"] = SourceAuthor(
            key=f"{COAUTHOR_PREFIX}{login}",
            name=details.get("cap-display_name") or name_text(element, "title"),
            email=details.get("cap-user_email", ""),
            bio=details.get("cap-description", ""),
        )


def read_posts(path: Path, site: Site, time_zone: str) -> Iterator[SourcePost]:
    """Second pass: every post and page, in the export's order."""
    zone = ZoneInfo(time_zone)
    for _, element in elements(path, {"item"}):
        kind = KINDS.get(text(element, "wp:post_type"))
        if kind is None:
            continue
        yield _post(element, kind, site, zone)


def _post(element, kind: str, site: Site, zone: ZoneInfo) -> SourcePost:
    details = meta(element)
    terms = [
        (c.get("domain", ""), c.get("nicename", ""), (c.text or "").strip())
        for c in children(element, "category")
    ]
    coauthors = [slug for domain, slug, _ in terms if domain == COAUTHOR_TAXONOMY]
    post_id = text(element, "wp:post_id")
    thumbnail = details.get("_thumbnail_id", "")
    body = wordpress_html(text(element, "content:encoded"), site.attachments)
    return SourcePost(
        key=text(element, "guid") or f"{site.base_url}/?p={post_id}",
        kind=kind,
        title=name_text(element, "title"),
        slug=text(element, "wp:post_name"),
        status=STATUSES.get(text(element, "wp:status"), "draft"),
        body_html=body.html,
        excerpt=text(element, "excerpt:encoded"),
        published_at=_when(element, zone),
        authors=[_coauthor_key(slug) for slug in coauthors] or [text(element, "dc:creator")],
        categories=[slug for domain, slug, _ in terms if domain == "category"],
        tags=[slug for domain, slug, _ in terms if domain == "post_tag"],
        featured=site.attachments.get(thumbnail) if thumbnail else None,
        seo_title=details.get("_yoast_wpseo_title", ""),
        seo_description=details.get("_yoast_wpseo_metadesc", ""),
        old_paths=_old_paths(element, post_id, kind, _when(element, zone)),
        comments=len(children(element, "wp:comment")),
        problems=body.problems,
    )


def _coauthor_key(slug: str) -> str:
    return slug if slug.startswith(COAUTHOR_PREFIX) else f"{COAUTHOR_PREFIX}{slug}"


def _when(element, zone: ZoneInfo) -> datetime | None:
    """Return the post's time: its UTC time, else its local time read in the site's zone."""
    for name, tz in (("wp:post_date_gmt", UTC), ("wp:post_date", zone)):
        value = text(element, name)
        if value and value != NO_DATE:
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
            except ValueError:
                continue
    return None


def _old_paths(element, post_id: str, kind: str, when: datetime | None) -> list[str]:
    """Return the addresses the post answered at: its permalink, its ?p= (or ?page_id=)
    form, and WordPress's date-based permalink forms, which a site may have used before."""
    paths = []
    link = text(element, "link")
    if link:
        parts = urlsplit(link)
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    if post_id:
        paths.append(f"/?{'page_id' if kind == 'page' else 'p'}={post_id}")
    slug = text(element, "wp:post_name")
    if slug and when is not None and kind == "post":
        paths += [f"/{when:%Y/%m/%d}/{slug}/", f"/{when:%Y/%m}/{slug}/", f"/{slug}/"]
    return list(dict.fromkeys(path for path in paths if path and path != "/"))
