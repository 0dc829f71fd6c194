"""Check RSS 2.0 and Atom feeds by the rules the W3C Feed Validation Service applies.

Sources: RSS 2.0 specification (RSS Advisory Board, version 2.0.11, 2009); RFC 4287 (The
Atom Syndication Format, 2005); RFC 4151 (the 'tag' URI scheme); Media RSS 1.5.1; and the
validator's documented messages (validator.w3.org/feed/docs/), quoted beside each check.
"""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse
from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
# RFC 4151 §2.1: tag:authorityName,date:specific (date is YYYY, YYYY-MM or YYYY-MM-DD).
TAG_URI = re.compile(r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}){0,2}:\S+$")
# Markup a reader would build once it has decoded the XML: any tag, comment or doctype.
MARKUP = re.compile(r"<[A-Za-z/!?]")


def feed_problems(xml: bytes) -> list[str]:
    """Return every rule an RSS 2.0 or Atom document breaks, [] when it is valid."""
    root = ElementTree.fromstring(xml)
    if root.tag == "rss":
        return rss_problems(root)
    if root.tag == f"{ATOM}feed":
        return atom_problems(root)
    return [f"unknown feed root {root.tag}"]


def absolute(url) -> bool:
    """Return True for an absolute http(s) URL."""
    return bool(url) and urlparse(url).scheme in {"http", "https"}


def rss_problems(rss) -> list[str]:
    """Return the RSS 2.0 rules the document breaks."""
    problems = [] if rss.get("version") == "2.0" else ["rss version is not 2.0"]
    channel = rss.find("channel")
    # RSS 2.0 "Required channel elements": title, link, description.
    problems += [f"channel: missing {name}" for name in ("title", "link", "description")
                 if not (channel.findtext(name) or "").strip()]  # fmt: skip
    # Validator: "Missing atom:link with rel="self"" (a recommendation it reports).
    if not any(link.get("rel") == "self" for link in channel.findall(f"{ATOM}link")):
        problems.append("channel: missing atom:link rel=self")
    items = channel.findall("item")
    problems += unique_ids([item.findtext("guid") for item in items])
    for n, item in enumerate(items):
        problems += [f"item {n}: {problem}" for problem in rss_item_problems(item)]
    return problems


def rss_item_problems(item) -> list[str]:
    """Return the RSS 2.0 rules one item breaks."""
    problems = []
    for name in ("title", "link", "description"):
        if not (item.findtext(name) or "").strip():
            problems.append(f"missing {name}")
    if MARKUP.search(item.findtext("description") or ""):
        problems.append("description turns into markup once decoded")
    # RSS 2.0 <author> "is the email address of the author"; a name goes in dc:creator.
    author = item.findtext("author")
    if author is not None and "@" not in author:
        problems.append("author is not an email address")
    problems += rss_guid_problems(item.find("guid"))
    problems += rss_date_problems(item.findtext("pubDate"))
    problems += rss_enclosure_problems(item.findall("enclosure"))
    problems += media_problems(item)
    return problems


def rss_guid_problems(guid) -> list[str]:
    """Return problems with a guid: present, and a URL unless isPermaLink="false"."""
    if guid is None or not (guid.text or "").strip():
        return ["missing guid"]
    # Validator: "guid must be a full URL, unless isPermaLink attribute is false".
    if guid.get("isPermaLink", "true") == "true" and not absolute(guid.text):
        return ["guid is a permalink but not a full URL"]
    return []


def rss_date_problems(value) -> list[str]:
    """Return problems with pubDate: RFC 822 with a time zone ("pubDate must be an RFC-822")."""
    try:
        return [] if parsedate_to_datetime(value).tzinfo else ["pubDate has no time zone"]
    except (TypeError, ValueError):
        return ["pubDate is not an RFC-822 date-time"]


def rss_enclosure_problems(enclosures) -> list[str]:
    """Return problems with enclosures: one at most, with url, length (bytes) and type."""
    # RSS 2.0: "It has three required attributes"; the RSS Profile allows one per item.
    problems = ["more than one enclosure"] if len(enclosures) > 1 else []
    for enclosure in enclosures:
        if not absolute(enclosure.get("url")) or not enclosure.get("type"):
            problems.append("enclosure needs an absolute url and a type")
        if not (enclosure.get("length") or "").isdigit() or enclosure.get("length") == "0":
            problems.append("enclosure length is not a size in bytes")
    return problems


def media_problems(entry) -> list[str]:
    """Return problems with Media RSS media:content: an absolute url and a media type."""
    return [
        "media:content needs an absolute url, a type and medium=image"
        for content in entry.findall(f"{MEDIA}content")
        if not absolute(content.get("url")) or not content.get("type")
        or content.get("medium") != "image"
    ]  # fmt: skip


def atom_problems(feed) -> list[str]:
    """Return the RFC 4287 rules an Atom feed document breaks."""
    problems = []
    # §4.1.1: exactly one atom:id, atom:title and atom:updated; a self link SHOULD be there.
    for name in ("id", "title", "updated"):
        if len(feed.findall(f"{ATOM}{name}")) != 1:
            problems.append(f"feed: needs exactly one {name}")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        problems.append("feed: missing link rel=self")
    problems += atom_date_problems("feed", feed.findtext(f"{ATOM}updated"))
    entries = feed.findall(f"{ATOM}entry")
    problems += unique_ids([entry.findtext(f"{ATOM}id") for entry in entries])
    for n, entry in enumerate(entries):
        problems += [f"entry {n}: {problem}" for problem in atom_entry_problems(entry)]
    return problems


def atom_entry_problems(entry) -> list[str]:
    """Return the RFC 4287 rules one entry breaks, and the summary and author it must have."""
    problems = []
    for name in ("id", "title", "updated"):  # §4.1.2
        if len(entry.findall(f"{ATOM}{name}")) != 1:
            problems.append(f"needs exactly one {name}")
    # §4.2.6: the id is an absolute IRI; a tag: URI (RFC 4151) never changes with the URL.
    entry_id = entry.findtext(f"{ATOM}id") or ""
    if not (absolute(entry_id) or TAG_URI.match(entry_id)):
        problems.append("id is not an absolute IRI")
    # Validator: "Missing entry element: author" when the feed has no author of its own.
    if not (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip():
        problems.append("missing author name")
    problems += atom_summary_problems(entry.find(f"{ATOM}summary"))
    for name in ("updated", "published"):
        if entry.find(f"{ATOM}{name}") is not None:
            problems += atom_date_problems(name, entry.findtext(f"{ATOM}{name}"))
    # §4.1.2: without atom:content an entry MUST have a link rel="alternate".
    links = entry.findall(f"{ATOM}link")
    if not any(link.get("rel", "alternate") == "alternate" for link in links):
        problems.append("missing link rel=alternate")
    problems += atom_enclosure_problems(links)
    problems += media_problems(entry)
    return problems


def atom_summary_problems(summary) -> list[str]:
    """Return problems with a summary: present, not empty, and text that stays text."""
    if summary is None or not (summary.text or "").strip():
        return ["missing or empty summary"]
    kind = summary.get("type", "text")
    # §3.1.1: "text" is shown as is; "html" is decoded and rendered, so it must hold no markup.
    if kind == "html" and MARKUP.search(summary.text):
        return ["summary turns into markup once decoded"]
    return [] if kind in {"text", "html"} else [f"summary type {kind} is not text"]


def atom_enclosure_problems(links) -> list[str]:
    """Return problems with link rel=enclosure: a type, and a length in bytes (§4.2.7.2)."""
    return [
        "enclosure link needs an absolute href, a type and a length in bytes"
        for link in links
        if link.get("rel") == "enclosure"
        and not (absolute(link.get("href")) and link.get("type")
                 and (link.get("length") or "").isdigit())
    ]  # fmt: skip


def atom_date_problems(name: str, value) -> list[str]:
    """Return problems with an Atom date: RFC 3339, with a time and a time zone (§3.3)."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return [f"{name} is not an RFC 3339 date-time"]
    return [] if "T" in value and parsed.tzinfo else [f"{name} lacks a time or a time zone"]


def unique_ids(ids: list) -> list[str]:
    """Return a problem when two items share an id (validator: "duplicate guid/id")."""
    seen = [value for value in ids if value]
    return [] if len(seen) == len(set(seen)) else ["two items share an id"]
