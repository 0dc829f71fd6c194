"""Recognise the structure of a story pasted as plain text."""

import re

from .house_styles import CORRECTION, DASHES, HOUSE, SEPARATOR, WRITER_TITLES
from .names import proper_case
from .result import Block, ImportRejected, ParsedArticle

MAX_HEADLINE = 200
BYLINE = re.compile(r"^(?:By|BY|by):?\s+(?P<names>[A-Z][^!?:;]{1,150}?)\.?$")
# A name as a byline writes it: capitalised words, initials and particles ("de", "von").
BYLINE_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|[a-z]{2,5})){1,4}$")
DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s*(?P<rest>.*)$")
# The parts of a dateline: "HARLAN FALLS, Ore., March 4 (AP) — ", "Geneva (AFP) – ".
CAPS_PLACE = r"[A-Z][A-Z.'’ -]{1,40}[A-Z.]"
MIXED_PLACE = r"[A-Z][\w.'’ -]{1,40}?"
REGION = r"(?:,\s*[A-Z][A-Za-zÀ-ÿ.'’ -]{1,30}?)?"
DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
PAREN_AGENCY = r"\s*\((?P<agency>[A-Za-z][\w.&' -]{1,40}?)\)"
DASH = rf"\s*(?:--|[{DASHES}])\s*"
DATELINES = [
    # The place in capitals, its region and date, the agency in brackets or bare (Kyodo).
    re.compile(
        rf"^(?P<dateline>(?P<place>{CAPS_PLACE}){REGION}{DATE}"
        rf"(?:{PAREN_AGENCY}|\s+(?P<bare>{HOUSE.agency_pattern})))(?:{DASH})(?P<rest>.+)$"
    ),
    # The place in ordinary case, only with an agency in brackets (dpa, AFP).
    re.compile(
        rf"^(?P<dateline>(?P<place>{MIXED_PLACE}){REGION}{DATE}{PAREN_AGENCY})"
        rf"(?:{DASH})(?P<rest>[A-Z“\"‘'].+)$"
    ),
    # The agency alone ("(Bloomberg) -- ").
    re.compile(rf"^(?P<dateline>){PAREN_AGENCY}(?:{DASH})(?P<rest>.+)$"),
    # The place in capitals and a spaced dash, no agency ("SINGAPORE – ").
    re.compile(
        rf"^(?P<dateline>(?P<place>{CAPS_PLACE}){DATE})\s+(?:--|[{DASHES}])\s+(?P<rest>.+)$"
    ),
]
# Bloomberg's closing list of who helped, and whom to contact.
ASSISTANCE = re.compile(r"^-*\s*With assistance from\s+(?P<names>.+?)\.?$", re.IGNORECASE)
CONTACT_HEADER = re.compile(
    r"^To contact the (?P<who>reporters?|editors?)\b.{0,40}(?:story|this)\s*:?$", re.I
)
CONTACT = re.compile(r"^(?P<name>[A-Z][\w.'’ -]+?)(?:\s+in\s+[A-Z][\w .'’-]+?)?\s+at\s+\S+@\S+$")
# A writer's title on the line under a byline ("Senior Transport Correspondent").
WRITER_TITLE = re.compile(
    rf"^(?:[A-Z][\w&'’-]*\s+|(?:of|and|the|for)\s+){{0,6}}(?:{'|'.join(WRITER_TITLES)})s?$",
    re.IGNORECASE,
)
NAME_LINE = re.compile(r"^[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}$")
# A byline and its writer's title on one line ("Ana Lima Environment correspondent").
NAME_AND_TITLE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+)\s+(?P<title>"
    rf"(?:[A-Z][\w&'’-]*\s+|(?:of|and|the|for)\s+){{0,6}}(?:{'|'.join(WRITER_TITLES)}))$"
)
STANDFIRST_WORDS = 6
# A wire story's closing credits: "(Reporting by A in Oslo; Editing by B and C)".
CREDIT_LINE = re.compile(r"^\((?P<credits>(?:Reporting|Writing|Additional reporting|Editing|"
                         r"Compiled|Produced)\s+by\s+[^()]+)\)$", re.IGNORECASE)  # fmt: skip
CREDIT = re.compile(r"^(?P<what>[A-Za-z ]+?)\s+by\s+(?P<names>.+)$", re.IGNORECASE)
CREDIT_ROLES = {
    "reporting": "author",
    "writing": "author",
    "compiled": "author",
    "additional reporting": "additional_reporting",
    "editing": "editor",
    "produced": "editor",
}
# An agency's closing note on who helped: "Press writer Mia Keller in Bern contributed."
CONTRIBUTED = re.compile(
    r"^(?:[A-Z][\w ]{0,40}\s)?(?:writers?|reporters?|correspondents?)\s+(?P<names>[A-Z].+?)"
    r"\s+contributed(?:\s+to\s+this\s+(?:report|story))?\.?$",
    re.IGNORECASE,
)
# Where a reporter filed from, after a credited name: "Ana Lima in Lisbon".
FILED_FROM = re.compile(r"\s+(?:in|from)\s+[A-Z][\w ,.'’-]*$")
# An agency's notes about itself at the end of its copy.
AGENCY_BOILERPLATE = re.compile(
    r"^our standards:|trust principles|all rights reserved|may not be (?:published|reproduced"
    r"|redistributed)|^for more (?:news|coverage)|^follow .{2,40} coverage",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^(?P<caption>.{8,600}?)\s+(?:Photos?|Pictures?|Images?|Video):\s*(?P<credit>[^.!?]{2,80})\.?$"
)
ADDITIONAL = re.compile(r"^Additional reporting by\s+(?P<names>.+?)\.?$", re.IGNORECASE)
NEXT_IN = re.compile(r"^Next in\s+(?P<section>.{2,80}?)\s*:?$", re.IGNORECASE)
MORE_FROM = re.compile(r"^More from\s+(?P<source>.{2,100}?)\s*:?$", re.IGNORECASE)
COPYRIGHT = re.compile(
    r"(?:Copyright|©)\s*(?:(?:©|\(c\))\s*)?(?P<year>\d{4})\.?(?P<holder>(?:[^.]|\.(?=\w))*)", re.I
)
CAPTION_LABEL = re.compile(r"^(?:Photo|Image|Picture|Caption):\s+", re.IGNORECASE)
# End-of-story furniture after which nothing is story text.
TAIL_MARKERS = [
    MORE_FROM,
    NEXT_IN,
    re.compile(r"^(?:Others Also Read|Also Read|Read more|Related (?:stories|articles|news)"
               r"|Most popular|Trending now|Recommended)\b.{0,40}$", re.I),
]  # fmt: skip
# Promotions that interrupt a story; they are dropped wherever they appear.
PROMOS = re.compile(
    r"get the answers|^do you have questions|newsletter|download (?:our|the) .{0,20}app"
    r"|whatsapp|telegram channel|follow us on|sign up (?:for|to)|subscribe (?:to|now|for)"
    r"|^advertisement$|^(?:scroll|click) (?:to|here)|^share this (?:story|article)",
    re.IGNORECASE,
)
CLOSING = tuple(".!:;,\"”’'…)]")
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")


def split_names(names: str) -> list[str]:
    """Return the names in "A, B and C"."""
    return [name.strip() for name in NAME_SPLIT.split(names.strip()) if name.strip()]


def is_subheading(line: str) -> bool:
    """Return True if `line` reads as a sub-heading: short, no closing punctuation."""
    words = line.split()
    if not 1 <= len(words) <= 12 or len(line) > 90 or line.endswith(CLOSING):
        return False
    if line[0] in "“\"‘'" or not line[0].isupper():
        return False
    return not line.endswith("?") or len(words) <= 8


def parse_plaintext(text: str) -> ParsedArticle:
    """Return the recognised structure of `text`, or raise ImportRejected if it has none."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise ImportRejected("The input is empty.")
    headline = lines[0]
    if len(headline) > MAX_HEADLINE or headline.endswith((".", ",", ";")):
        raise ImportRejected(
            "Found no article structure: the first line must be a headline "
            f"(one line of at most {MAX_HEADLINE} characters) followed by the story."
        )
    parsed = ParsedArticle(headline=headline)
    body = _read_head(parsed, lines[1:])
    _read_story(parsed, body)
    if parsed.copyright_line and parsed.source_name not in parsed.copyright_line:
        parsed.copyright_line = f"{parsed.copyright_line} {parsed.source_name}".strip()
    if not parsed.paragraphs:
        raise ImportRejected("Found no article structure: no story paragraphs follow the headline.")
    return parsed


def _read_head(parsed: ParsedArticle, lines: list[str]) -> list[str]:
    """Read the standfirst, bylines, writers' titles and agency line above the story.

    Return the lines after them.
    """
    if len(lines) > 1 and _is_standfirst(lines[0]) and _byline(lines[1], lines[2:3]):
        parsed.standfirst, lines = lines[0], lines[1:]
    while lines:
        line, following = lines[0], lines[1:2]
        if authors := _byline(line, following):
            names, source = authors
            parsed.authors += [name for name in names if name not in parsed.authors]
            parsed.source_name = parsed.source_name or source
        elif style := HOUSE.style_named(line):
            parsed.source_name = parsed.source_name or style.name
        elif not (parsed.authors and WRITER_TITLE.match(line)):
            return lines
        parsed.dropped.append(line)
        lines = lines[1:]
    return lines


def _is_standfirst(line: str) -> bool:
    """Return True if `line` reads as a standfirst: a sentence without its full stop."""
    return len(line.split()) >= STANDFIRST_WORDS and not line.endswith(CLOSING)


def _byline(line: str, following: list[str]) -> tuple[list[str], str] | None:
    """Return the names a byline line gives and the source it names, if it is one.

    Three forms: "By A, B and C" (with titles and agencies among them), "A Desk
    correspondent" on one line, and a name alone over a writer's title on the next line.
    """
    if match := BYLINE.match(line):
        return _byline_parts(match["names"])
    if match := NAME_AND_TITLE.match(line):
        return [match["name"]], _source_in_title(match["title"])
    if NAME_LINE.match(line) and following and WRITER_TITLE.match(following[0]):
        return [proper_case(line)], ""
    return None


def _byline_parts(text: str) -> tuple[list[str], str] | None:
    """Sort the pieces of "A and B, Staff Reporter | Agency" into names and a source."""
    text, _, outlet = text.partition(" | ")
    dated = HOUSE.closing(outlet) or re.search(r"\d", outlet)  # "| Posted 3 hours ago"
    names, source = [], HOUSE.source_of(outlet) if outlet and not dated else ""
    for piece in split_names(text):
        piece = FILED_FROM.sub("", piece).strip()
        if style := HOUSE.style_named(piece):
            source = source or style.name
        elif WRITER_TITLE.match(piece):
            source = source or _source_in_title(piece)
        elif BYLINE_NAME.match(piece):
            names.append(proper_case(piece))
        else:
            return None
    return (names, source) if names else None


def _source_in_title(title: str) -> str:
    """Return the agency a writer's title names ("PA Health Correspondent" is PA Media)."""
    first = title.split()[0]
    style = HOUSE.style_named(first)
    return style.name if style and first in style.byline_titles else ""


def _read_story(parsed: ParsedArticle, lines: list[str]) -> None:
    """Sort the lines after the headline into byline, body, tail lists and boilerplate."""
    in_tail, in_next, contact = False, False, ""
    for line in lines:
        if header := CONTACT_HEADER.match(line):
            contact = header["who"].rstrip("s").lower()
            parsed.dropped.append(line)
            continue
        if contact and (match := CONTACT.match(line)):
            _read_contact(parsed, proper_case(match["name"].strip()), contact)
            parsed.dropped.append(line)
            continue
        if _read_furniture(parsed, line):
            in_next = False
            continue
        marker = next((m.match(line) for m in TAIL_MARKERS if m.match(line)), None)
        if marker:
            in_tail, in_next = True, marker.re is NEXT_IN
            _read_marker(parsed, marker)
        elif in_next:
            parsed.related_headlines.append(line)
        elif in_tail:
            parsed.dropped.append(line)
        else:
            _read_body_line(parsed, line)


def _read_contact(parsed: ParsedArticle, name: str, who: str) -> None:
    """Record a name of a "To contact" list: a reporter is an author, an editor an editor."""
    if who == "editor":
        parsed.other_bylines.append((name, "editor"))
    elif name not in parsed.authors:
        parsed.authors.append(name)


def _read_furniture(parsed: ParsedArticle, line: str) -> bool:
    """Record a credit line, agency note or promotion; return True if `line` was one."""
    for read in (_read_contributors, _read_agency_furniture, _read_notices):
        if read(parsed, line):
            return True
    match = BYLINE.match(line)
    parts = _byline_parts(match["names"]) if match else None
    if parts and not parsed.blocks and not parsed.authors:
        parsed.authors, parsed.source_name = parts[0], parsed.source_name or parts[1]
        return True
    return False


def _read_contributors(parsed: ParsedArticle, line: str) -> bool:
    """Record the closing lines that credit who reported, wrote, helped or edited."""
    if (match := ADDITIONAL.match(line) or ASSISTANCE.match(line)) and len(line) < 150:
        parsed.additional_reporting.extend(split_names(match["names"]))
    elif (match := CREDIT_LINE.match(line)) and len(line) < 400:
        _read_credits(parsed, match["credits"])
    elif (match := CONTRIBUTED.match(line)) and len(line) < 300:
        names = (FILED_FROM.sub("", name) for name in split_names(match["names"]))
        parsed.additional_reporting.extend(name.strip() for name in names if name.strip())
    else:
        return False
    return True


def _read_agency_furniture(parsed: ParsedArticle, line: str) -> bool:
    """Drop separators and a house style's closing lines; keep correction notes apart."""
    if CORRECTION.match(line):
        parsed.corrections.append(line)
    elif SEPARATOR.match(line):
        parsed.dropped.append(line)
    elif style := HOUSE.closing(line):
        parsed.source_name = parsed.source_name or style.name
        _read_copyright(parsed, line)
        parsed.dropped.append(line)
    else:
        return False
    return True


def _read_notices(parsed: ParsedArticle, line: str) -> bool:
    """Drop trust and copyright notices and promotions, keeping the copyright line."""
    notice = AGENCY_BOILERPLATE.search(line) and len(line) < 400
    if notice or (COPYRIGHT.match(line) and len(line) < 200):
        _read_copyright(parsed, line)
    elif PROMOS.search(line) and len(line) < 400:
        if copyright := COPYRIGHT.search(line):
            parsed.copyright_line = f"Copyright {copyright['year']}{copyright['holder']}".strip()
    else:
        return False
    parsed.dropped.append(line)
    return True


def _read_copyright(parsed: ParsedArticle, line: str) -> None:
    """Keep a copyright notice's line, and take its holder as the source if none is known."""
    if not (match := COPYRIGHT.search(line)):
        return
    holder = match["holder"].strip(" .,")
    notice = f"Copyright {match['year']} {holder}".strip()
    parsed.copyright_line = parsed.copyright_line or notice
    if holder and not parsed.source_name:
        style = next((s for s in HOUSE.styles if s.name and s.name in holder), None)
        parsed.source_name = style.name if style else holder


def _read_credits(parsed: ParsedArticle, credits: str) -> None:
    """Turn "Reporting by A; Editing by B" into bylines, each with its role."""
    for part in credits.split(";"):
        if not (match := CREDIT.match(part.strip())):
            continue
        role = CREDIT_ROLES.get(match["what"].strip().lower())
        for name in split_names(match["names"].rstrip(".")):
            name = FILED_FROM.sub("", name).strip()
            if not role or not name:
                continue
            if role == "author" and name not in parsed.authors:
                parsed.authors.append(name)
            elif role == "additional_reporting" and name not in parsed.authors:
                parsed.additional_reporting.append(name)
            elif role == "editor":
                parsed.other_bylines.append((name, role))


def _read_marker(parsed: ParsedArticle, marker: re.Match) -> None:
    """Record what an end-of-story marker tells: the publisher or the related list's name."""
    parsed.dropped.append(marker.group(0))
    if marker.re is MORE_FROM:
        parsed.source_name = marker["source"]
    elif marker.re is NEXT_IN:
        parsed.related_section = marker["section"]


def _read_body_line(parsed: ParsedArticle, line: str) -> None:
    """Add a paragraph, sub-heading or figure to the body; the dateline leaves its paragraph."""
    if not parsed.blocks and not parsed.dateline:
        line = _take_dateline(parsed, line)
        if not line:
            return
    if figure := _figure(line):
        if figure.text:
            parsed.blocks.append(figure)
        else:  # a credit alone on its line: nothing to show
            parsed.dropped.append(line)
    elif parsed.blocks and is_subheading(line):
        parsed.blocks.append(Block(Block.SUBHEADING, line))
    else:
        parsed.blocks.append(Block(Block.PARAGRAPH, line))


def _figure(line: str) -> Block | None:
    """Return the figure a caption line describes, credit apart, if `line` is a caption."""
    if found := HOUSE.photo_credit(line):
        caption, credit = found
        return Block(Block.FIGURE, CAPTION_LABEL.sub("", caption), credit)
    if match := CAPTION.match(line):
        caption = CAPTION_LABEL.sub("", match["caption"].strip())
        return Block(Block.FIGURE, caption, match["credit"].strip())
    return None


def _take_dateline(parsed: ParsedArticle, line: str) -> str:
    """Record the first paragraph's dateline, if it has one; return the rest of the line."""
    for pattern in DATELINES:
        if match := pattern.match(line):
            parsed.dateline = " ".join(match["dateline"].split())
            agency = match.groupdict().get("agency") or match.groupdict().get("bare")
            if agency:
                parsed.source_name = parsed.source_name or HOUSE.source_of(agency)
            return match["rest"]
    if match := DATELINE.match(line):
        parsed.dateline = match["place"].strip()
        return match["rest"]
    return line
