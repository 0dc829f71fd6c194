"""Bodies from other systems turned into the article body's own markup.

WordPress: its paragraphs (wpautop), [caption], [gallery] and [embed] shortcodes and embeds on
a line of their own; any other shortcode is taken out and reported. Ghost: mobiledoc and
lexical documents with their image, gallery, embed, bookmark, HTML and Markdown cards.
Pictures come out as `<figure><img src="their old address">…</figure>`; the importer then
gives each one a picture of the library (or a caption waiting for its file). Everything ends
in the article sanitiser, which has the last word on what the body may hold.
"""

import re
from dataclasses import dataclass, field
from html import escape

import markdown as markdown_lib

BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "div",
    "table",
    "pre",
    "hr",
    "iframe",
)
SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[a-zA-Z_][\w-]*)(?P<attrs>(?:\s[^\]]*)?)(?P<self>/)?\]"
)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.MULTILINE)


@dataclass
class Conversion:
    """A converted body and what could not be carried over, for the report."""

    html: str
    problems: list[str] = field(default_factory=list)


def attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in ATTRIBUTE.finditer(text)
    }


def figure(src: str, caption: str = "", alt: str = "") -> str:
    caption_html = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
    return f'<figure><img src="{escape(src)}" alt="{escape(alt)}">{caption_html}</figure>'


def link_paragraph(url: str, text: str = "") -> str:
    return f'<p><a href="{escape(url)}">{escape(text or url)}</a></p>'


# WordPress


def wordpress_html(content: str, attachments: dict | None = None) -> Conversion:
    """Return a WordPress post's content as the body's markup, with what was dropped."""
    problems: list[str] = []
    html = _captions(content)
    html = _galleries(html, attachments or {}, problems)
    html = re.sub(
        r"\[embed[^\]]*\](.*?)\[/embed\]",
        lambda m: f"\n\n{link_paragraph(m.group(1).strip())}\n\n",
        html,
        flags=re.S,
    )
    html = _unknown_shortcodes(html, problems)
    html = URL_LINE.sub(lambda m: link_paragraph(m.group(1)), html)
    return Conversion(autop(html), problems)


def _captions(html: str) -> str:
    def caption(match: re.Match) -> str:
        inner = match.group(2)
        image = IMG.search(inner)
        text = IMG.sub("", inner)
        text = re.sub(r"</?a\b[^>]*>", "", text).strip()
        caption_text = attributes(match.group(1)).get("caption", "") or text
        return f"\n\n<figure>{image.group(0) if image else ''}" + (
            f"<figcaption>{caption_text}</figcaption></figure>\n\n"
            if caption_text
            else "</figure>\n\n"
        )

    return re.sub(
        r"\[(?:caption|wp_caption)([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]",
        caption,
        html,
        flags=re.S,
    )


def _galleries(html: str, attachments: dict, problems: list[str]) -> str:
    def gallery(match: re.Match) -> str:
        ids = [i.strip() for i in attributes(match.group(1)).get("ids", "").split(",") if i.strip()]
        pictures = [attachments[i] for i in ids if i in attachments]
        if len(pictures) < len(ids):
            problems.append(
                f"A gallery names {len(ids) - len(pictures)} pictures not in the export."
            )
        return "".join(f"\n\n{figure(p.url, escape(p.caption), p.alt)}\n\n" for p in pictures)

    return re.sub(r"\[gallery([^\]]*)\]", gallery, html)


def _unknown_shortcodes(html: str, problems: list[str]) -> str:
    """Take out every other shortcode (its tags; enclosed text stays); report each by name."""

    def is_shortcode(match: re.Match) -> bool:
        name = match.group("name")
        closes = f"[/{name}]" in html
        return bool(
            match.group("close")
            or match.group("self")
            or "=" in match.group("attrs")
            or closes
            or "-" in name
            or "_" in name
        )

    found: dict[str, int] = {}

    def drop(match: re.Match) -> str:
        if not is_shortcode(match):
            return match.group(0)
        if not match.group("close"):
            found[match.group("name")] = found.get(match.group("name"), 0) + 1
        return ""

    cleaned = SHORTCODE.sub(drop, html)
    problems += [f"Shortcode [{name}] taken out ({count}×)." for name, count in found.items()]
    return cleaned


def autop(text: str) -> str:
    """Wrap WordPress's blank-line paragraphs in <p>, as WordPress does when it shows them."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for block in (b.strip() for b in blocks):
        if not block:
            continue
        if re.match(rf"<({'|'.join(BLOCK_TAGS)})\b", block, re.IGNORECASE):
            out.append(block)
        else:
            out.append(f"<p>{block.replace(chr(10), '<br>')}</p>")
    return "\n".join(out)


# Ghost: cards, shared by mobiledoc and lexical


def card_html(name: str, payload: dict, problems: list[str]) -> str:
    """Return one Ghost card as body markup; a card with no counterpart is reported."""
    if name == "image":
        return figure(payload.get("src", ""), payload.get("caption", ""), payload.get("alt", ""))
    if name == "gallery":
        return "".join(
            figure(i.get("src", ""), i.get("caption", ""), i.get("alt", ""))
            for i in payload.get("images", [])
        )
    if name == "markdown":
        return markdown_lib.markdown(payload.get("markdown", ""))
    if name == "html":
        return payload.get("html", "")
    if name == "embed":
        return link_paragraph(payload.get("url", ""), payload.get("metadata", {}).get("title", ""))
    if name == "bookmark":
        meta = payload.get("metadata", {})
        text = escape(meta.get("title") or payload.get("url", ""))
        note = f" — {escape(meta['description'])}" if meta.get("description") else ""
        return f'<p><a href="{escape(payload.get("url", ""))}">{text}</a>{note}</p>'
    if name in {"hr", "divider", "horizontalrule"}:
        return ""
    if name == "callout":
        return f"<p>{payload.get('calloutText', '')}</p>"
    if name == "toggle":
        return f"<h3>{payload.get('heading', '')}</h3><p>{payload.get('content', '')}</p>"
    problems.append(f"A {name} card has no counterpart in an article and was left out.")
    return ""


# mobiledoc 0.3: sections of markers (text with opened and closed markups) and cards


def mobiledoc_html(document: dict) -> Conversion:
    markups = document.get("markups", [])
    cards = document.get("cards", [])
    parts, problems = [], []
    for section in document.get("sections", []):
        kind = section[0]
        if kind == 1:  # markup section: a paragraph, heading or quote
            tag = {
                "h1": "h2",
                "h4": "h3",
                "h5": "h3",
                "h6": "h3",
                "aside": "blockquote",
                "pull-quote": "blockquote",
            }.get(section[1].lower(), section[1].lower())
            parts.append(f"<{tag}>{_markers(section[2], markups)}</{tag}>")
        elif kind == 3:  # list section
            tag = section[1].lower()
            items = "".join(f"<li>{_markers(item, markups)}</li>" for item in section[2])
            parts.append(f"<{tag}>{items}</{tag}>")
        elif kind == 10:  # card section
            name, payload = cards[section[1]]
            parts.append(card_html(name, payload, problems))
        elif kind == 2:  # image section
            parts.append(figure(section[1]))
    return Conversion("\n".join(part for part in parts if part), problems)


def _markers(markers: list, markups: list) -> str:
    out, open_tags = [], []
    for marker in markers:
        _type, opened, closed, value = marker
        for index in opened:
            tag, *rest = markups[index]
            attrs = dict(zip(rest[0][::2], rest[0][1::2], strict=False)) if rest else {}
            href = f' href="{escape(attrs["href"])}"' if tag == "a" and "href" in attrs else ""
            out.append(f"<{tag}{href}>")
            open_tags.append(tag)
        out.append(escape(value) if isinstance(value, str) else "")
        for _ in range(closed):
            out.append(f"</{open_tags.pop()}>")
    return "".join(out)


# lexical: a tree of nodes


FORMATS = [(1, "strong"), (2, "em")]


def lexical_html(document: dict) -> Conversion:
    problems: list[str] = []
    nodes = (_lexical_node(node, problems) for node in document["root"]["children"])
    return Conversion("\n".join(filter(None, nodes)), problems)


def _lexical_node(node: dict, problems: list[str]) -> str:
    kind = node.get("type")
    inner = "".join(_lexical_node(child, problems) for child in node.get("children", []))
    if kind == "text":
        text = escape(node.get("text", ""))
        for bit, tag in FORMATS:
            if node.get("format", 0) & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "linebreak":
        return "<br>"
    if kind == "link":
        return f'<a href="{escape(node.get("url", ""))}">{inner}</a>'
    if kind == "paragraph":
        return f"<p>{inner}</p>" if inner else ""
    if kind in {"heading", "extended-heading"}:
        tag = "h3" if node.get("tag", "h2") in {"h3", "h4", "h5", "h6"} else "h2"
        return f"<{tag}>{inner}</{tag}>"
    if kind in {"quote", "extended-quote", "aside"}:
        return f"<blockquote>{inner}</blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "listitem":
        return f"<li>{inner}</li>"
    return card_html(kind, node, problems)
