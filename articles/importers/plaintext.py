"""Recognise the structure of a story pasted as plain text."""

import re

from .result import Block, ImportRejected, ParsedArticle

MAX_HEADLINE = 200
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^.!?:;]{1,150})$")
DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s*(?P<rest>.*)$")
# A news agency's dateline: "LISBON, Nov 20 (Agency) - ", "OSLO (Agency) — ".
WIRE_DATELINE = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*\((?P<agency>[A-Z][\w.&' -]{1,40}?)\))\s*(?:--?|–|—)\s*(?P<rest>.+)$"
)
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
COPYRIGHT = re.compile(r"(?:Copyright|©)\s*(?:©\s*)?(?P<year>\d{4})(?P<holder>[^.]*)", re.I)
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
    _read_story(parsed, lines[1:])
    if parsed.copyright_line and parsed.source_name not in parsed.copyright_line:
        parsed.copyright_line = f"{parsed.copyright_line} {parsed.source_name}".strip()
    if not parsed.paragraphs:
        raise ImportRejected("Found no article structure: no story paragraphs follow the headline.")
    return parsed


def _read_story(parsed: ParsedArticle, lines: list[str]) -> None:
    """Sort the lines after the headline into byline, body, tail lists and boilerplate."""
    in_tail, in_next = False, False
    for line in lines:
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


def _read_furniture(parsed: ParsedArticle, line: str) -> bool:
    """Record a byline, credit line or promotion; return True if `line` was one."""
    if (match := ADDITIONAL.match(line)) and len(line) < 150:
        parsed.additional_reporting.extend(split_names(match["names"]))
        return True
    if (match := CREDIT_LINE.match(line)) and len(line) < 400:
        _read_credits(parsed, match["credits"])
        return True
    if (match := CONTRIBUTED.match(line)) and len(line) < 300:
        names = (FILED_FROM.sub("", name) for name in split_names(match["names"]))
        parsed.additional_reporting.extend(name.strip() for name in names if name.strip())
        return True
    if AGENCY_BOILERPLATE.search(line) and len(line) < 400:
        parsed.dropped.append(line)
        return True
    if COPYRIGHT.match(line) and len(line) < 200:
        parsed.copyright_line = line.rstrip(".")
        parsed.dropped.append(line)
        return True
    if PROMOS.search(line) and len(line) < 400:
        if copyright := COPYRIGHT.search(line):
            parsed.copyright_line = f"Copyright {copyright['year']}{copyright['holder']}".strip()
        parsed.dropped.append(line)
        return True
    if (match := BYLINE.match(line)) and not parsed.blocks and not parsed.authors:
        parsed.authors = split_names(match["names"])
        return True
    return False


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
            elif role == "additional_reporting":
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
    if match := CAPTION.match(line):
        parsed.blocks.append(Block(Block.FIGURE, match["caption"].strip(), match["credit"].strip()))
    elif parsed.blocks and is_subheading(line):
        parsed.blocks.append(Block(Block.SUBHEADING, line))
    else:
        parsed.blocks.append(Block(Block.PARAGRAPH, line))


def _take_dateline(parsed: ParsedArticle, line: str) -> str:
    """Record the first paragraph's dateline, if it has one; return the rest of the line."""
    if match := WIRE_DATELINE.match(line):
        parsed.dateline = " ".join(match["dateline"].split())
        parsed.source_name = parsed.source_name or match["agency"].strip()
        return match["rest"]
    if match := DATELINE.match(line):
        parsed.dateline = match["place"].strip()
        return match["rest"]
    return line
