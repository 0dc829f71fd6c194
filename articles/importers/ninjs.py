"""Read IPTC ninjs 2.x JSON (and the 1.x field names still in circulation) into the same shape."""

import json
import re

from .plaintext import split_names
from .result import FoundPerson, ImportRejected, ParsedArticle

BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
# ninjs `rel` values that make a person a byline rather than someone the story mentions.
BYLINE_RELS = {"author", "additional_reporting", "photographer", "editor", "creator", "byline"}
# The description role under which our exporter lists each mentioned person's role phrase and
# mention count (JSON), since ninjs 2.4 people allow no such fields.
MENTIONS_ROLE = "masthead-mentions"


def parse_ninjs(text: str) -> ParsedArticle:
    """Return the article described by the ninjs document `text`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"The input is not valid JSON ({error.msg}, line {error.lineno})."
        raise ImportRejected(message) from error
    except RecursionError as error:
        raise ImportRejected("The JSON is nested too deeply to be a ninjs document.") from error
    except ValueError as error:
        # Python refuses integers of more than 4,300 digits as a ValueError of its own.
        raise ImportRejected(f"The input is not valid JSON ({error}).") from error
    if not isinstance(document, dict):
        raise ImportRejected("A ninjs document must be a JSON object.")
    _require_characters(document)
    headline = _headline(document)
    body = _body(document)
    if not headline or not body:
        raise ImportRejected("Found no article structure: the ninjs needs a headline and a body.")
    if len(headline) > 200:
        raise ImportRejected("The ninjs headline is longer than 200 characters.")
    source = _source(document)
    parsed = ParsedArticle(
        headline=headline,
        kicker=_kicker(document),
        standfirst=_by_role(
            _texts(document.get("descriptions")), ("summary", "description", "abstract")
        )
        or _text(document.get("description_text")),
        body_html=body,
        dateline=_text(document.get("located")),
        copyright_line=_text(document.get("copyrightnotice")),
        source_name=_text(source.get("name")) or _text(document.get("copyrightholder")),
        source_url=_text(source.get("uri")) if _is_web(source.get("uri")) else "",
    )
    _read_people(parsed, document)
    parsed.tag_names = [
        item["name"]
        for key in ("subjects", "organisations", "places")
        for item in _names(document.get(key))
    ]
    return parsed


def _require_characters(document: dict) -> None:
    """Refuse a document whose strings hold a NUL or a lone surrogate escape (\\ud800).

    JSON allows both escapes, but PostgreSQL cannot store a NUL in text, and a lone
    surrogate is no character at all: nothing can store or show it.
    """
    for text in _strings(document):
        if "\x00" in text:
            raise ImportRejected(
                "The JSON holds a NUL character (\\u0000), which text cannot carry."
            )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ImportRejected(
                "The JSON holds a lone surrogate escape (\\ud800 to \\udfff): no character."
            ) from error


def _strings(document):
    """Yield every string of a parsed JSON document, keys included, without recursion."""
    waiting = [document]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            waiting += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            waiting += value


def _read_people(parsed: ParsedArticle, document: dict) -> None:
    """Sort ninjs people into bylines (by their `rel`) and people mentioned."""
    people = _names(document.get("people"))
    details = _mention_details(document.get("descriptions"))
    for item in people:
        rel = _text(item.get("rel"))
        if rel == "additional_reporting":
            parsed.additional_reporting.append(_text(item["name"]))
        elif rel in ("photographer", "editor"):
            parsed.other_bylines.append((_text(item["name"]), rel))
        elif rel in BYLINE_RELS:
            parsed.authors.append(_text(item["name"]))
        else:
            found = details.get(_text(item.get("literal"))) or details.get(
                _text(item["name"]).lower()
            )
            parsed.people.append(_person(item, found or {}))
    if not (parsed.authors or parsed.additional_reporting or parsed.other_bylines):
        parsed.authors = split_names(BY_PREFIX.sub("", _text(document.get("by"))))


def _source(document: dict) -> dict:
    sources = [s for s in document.get("infosources") or [] if isinstance(s, dict)]
    return next(
        (s for s in sources if s.get("role") == "originator"), sources[0] if sources else {}
    )


def _kicker(document: dict) -> str:
    headlines = document.get("headlines")
    if not isinstance(headlines, list):
        return ""
    kickers = [h for h in headlines if isinstance(h, dict) and h.get("role") == "kicker"]
    return _text(kickers[0].get("value"))[:60] if kickers else ""


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_web(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _by_role(items, roles: tuple[str, ...]) -> str:
    """Return the value of the first item with one of `roles` (or the first item at all)."""
    if not isinstance(items, list):
        return ""
    items = [item for item in items if isinstance(item, dict) and _text(item.get("value"))]
    chosen = [item for item in items if item.get("role") in roles] or items
    return _text(chosen[0]["value"]) if chosen else ""


def _headline(document: dict) -> str:
    return _by_role(document.get("headlines"), ("main",)) or _text(document.get("headline"))


def _body(document: dict) -> str:
    bodies = document.get("bodies")
    if isinstance(bodies, list):
        html = [body for body in bodies if isinstance(body, dict) and "html" in _content_type(body)]
        if value := _by_role(html or bodies, ("main", "")):
            return value
    return _text(document.get("body_html")) or _text(document.get("body_text"))


def _content_type(body: dict) -> str:
    return str(body.get("contenttype") or body.get("contentType") or "")


def _names(items) -> list[dict]:
    """Return the entries of a people/subjects list that carry a name."""
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict) and _text(item.get("name"))]


def _person(item: dict, details: dict) -> FoundPerson:
    name = _text(item["name"])
    role = (
        _text(details.get("role"))
        or _text(item.get("role_phrase"))
        or _text(item.get("description"))
    )
    count = details.get("count")
    count = count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 1
    return FoundPerson(name=name, surname=name.split()[-1], role_phrase=role[:255], count=count)


def _texts(descriptions) -> list:
    """Return the descriptions meant to be read, leaving out our machine-readable ones."""
    if not isinstance(descriptions, list):
        return []
    return [d for d in descriptions if not (isinstance(d, dict) and d.get("role") == MENTIONS_ROLE)]


def _mention_details(descriptions) -> dict[str, dict]:
    """Return our exporter's role phrase and count of each mentioned person, by literal and name.

    Anything malformed is ignored: the people still import, with no role phrase.
    """
    if not isinstance(descriptions, list):
        return {}
    for description in descriptions:
        if isinstance(description, dict) and description.get("role") == MENTIONS_ROLE:
            try:
                entries = json.loads(_text(description.get("value")))
            except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
                return {}
            break
    else:
        return {}
    details = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            for key in (_text(entry.get("literal")), _text(entry.get("name")).lower()):
                if key:
                    details.setdefault(key, entry)
    return details
