"""A checker of IPTC ninjs 2.4 news items, written from the published specification.

Source: IPTC ninjs - News in JSON, version 2.4 (https://iptc.org/standards/ninjs/), the
specification of a ninjs object and its properties: the one required property (`uri`); the
types of every property; the date-time format of `firstcreated`, `versioncreated`,
`contentcreated`, `contentdigitised`, `embargoed` and `expires`; the URI format of `uri`,
`href` and `schema`; the enumerations of `type`, `representationtype`, `pubstatus` and a
rendition's `scantype`; `urgency` from 1 to 9 and a subject's `relevance`/`confidence` from
0 to 100; the required `value` of headlines, descriptions and bodies, the required `name` of
renditions and the required `name` and `uri` of associations (which are ninjs objects
themselves); and no property beyond those the specification defines. Places' `geojson`,
contact information and rights information are only checked to be objects: we export none.

The IPTC's own schema file is not copied into this repository; this is our reading of it.
"""

from datetime import datetime
from urllib.parse import urlsplit

ITEM_TYPES = ["text", "audio", "video", "picture", "graphic", "composite", "component"]
REPRESENTATION_TYPES = ["full", "partial"]
PUBSTATUSES = ["usable", "withheld", "canceled"]
SCANTYPES = ["progressive", "interlaced"]

# A property's rule: a type name, ("enum", values), ("int", low, high), ("list", rule)
# or ("object", members, required names).
TEXT, NUMBER, DATETIME, URI, ANY_OBJECT = "text", "number", "date-time", "uri", "any-object"


def obj(members: dict, required=()) -> tuple:
    return ("object", members, tuple(required))


def items(rule) -> tuple:
    return ("list", rule)


ROLE_VALUE = obj({"role": TEXT, "contenttype": TEXT, "value": TEXT}, ["value"])
BODY = obj(
    {"role": TEXT, "contenttype": TEXT, "charcount": NUMBER, "wordcount": NUMBER, "value": TEXT},
    ["value"],
)
CONCEPT = {"name": TEXT, "rel": TEXT, "uri": URI, "literal": TEXT}
CONTACTS = items(ANY_OBJECT)
SCORES = {"relevance": ("int", 0, 100), "confidence": ("int", 0, 100)}
RENDITION = obj(
    {
        "name": TEXT, "href": URI, "contenttype": TEXT, "title": TEXT, "height": NUMBER,
        "width": NUMBER, "sizeinbytes": NUMBER, "duration": NUMBER, "format": TEXT,
        "aspectratio": TEXT, "videocodec": TEXT, "framerate": NUMBER,
        "poi": obj({"x": ("int", None, None), "y": ("int", None, None)}),
        "transportprotocol": TEXT, "scantype": ("enum", SCANTYPES), "bitrate": TEXT,
        "resources": items(
            obj({"role": TEXT, "title": TEXT, "language": TEXT, "contenttype": TEXT})
        ),
        "extensions": ANY_OBJECT,
    },
    ["name"],
)  # fmt: skip

ITEM: dict = {
    "uri": URI,
    "type": ("enum", ITEM_TYPES),
    "representationtype": ("enum", REPRESENTATION_TYPES),
    "profile": TEXT,
    "version": TEXT,
    "firstcreated": DATETIME,
    "versioncreated": DATETIME,
    "contentcreated": DATETIME,
    "contentdigitised": DATETIME,
    "embargoed": DATETIME,
    "expires": DATETIME,
    "pubstatus": ("enum", PUBSTATUSES),
    "urgency": ("int", 1, 9),
    "copyrightholder": TEXT,
    "copyrightnotice": TEXT,
    "usageterms": TEXT,
    "ednote": TEXT,
    "language": TEXT,
    "title": TEXT,
    "by": TEXT,
    "slugline": TEXT,
    "located": TEXT,
    "headlines": items(ROLE_VALUE),
    "descriptions": items(ROLE_VALUE),
    "bodies": items(BODY),
    "people": items(obj({**CONCEPT, "contactinfo": CONTACTS})),
    "organisations": items(obj({**CONCEPT, "symbols": items(ANY_OBJECT), "contactinfo": CONTACTS})),
    "places": items(obj({**CONCEPT, "contactinfo": CONTACTS, "geojson": ANY_OBJECT})),
    "subjects": items(obj({**CONCEPT, "creator": TEXT, **SCORES})),
    "events": items(obj(CONCEPT)),
    "objects": items(obj(CONCEPT)),
    "infosources": items(
        obj({"name": TEXT, "role": TEXT, "uri": URI, "literal": TEXT, "contactinfo": CONTACTS})
    ),
    "renditions": items(RENDITION),
    "altids": items(obj({"role": TEXT, "value": TEXT})),
    "trustindicators": items(obj({"role": URI, "title": TEXT, "href": URI})),
    "standard": obj({"name": TEXT, "version": TEXT, "schema": URI}),
    "genres": items(obj({"name": TEXT, "uri": TEXT, "literal": TEXT})),
    "rightsinfo": obj({"langid": URI, "linkedrights": URI, "encodedrights": TEXT}),
    "digitalsourcetype": obj({"name": TEXT, "uri": URI, "literal": TEXT}),
}
# An association is a ninjs object of its own, with a name; it needs a name and a uri.
ASSOCIATION = obj({**ITEM, "name": TEXT}, ["name", "uri"])
ITEM["associations"] = items(ASSOCIATION)
DOCUMENT = obj(ITEM, ["uri"])


def ninjs_errors(document) -> list[str]:
    """Return what is wrong with a ninjs 2.4 document, one message per fault; [] if valid."""
    return list(check(document, DOCUMENT, "$"))


def check(value, rule, where: str):
    if isinstance(rule, str):
        yield from check_scalar(value, rule, where)
    elif rule[0] == "enum":
        if value not in rule[1]:
            yield f"{where}: {value!r} is not one of {rule[1]}"
    elif rule[0] == "int":
        yield from check_integer(value, rule[1], rule[2], where)
    elif rule[0] == "list":
        if not isinstance(value, list):
            yield f"{where}: an array is expected"
            return
        for n, entry in enumerate(value):
            yield from check(entry, rule[1], f"{where}[{n}]")
    else:
        yield from check_object(value, rule[1], rule[2], where)


def check_object(value, members: dict, required: tuple, where: str):
    if not isinstance(value, dict):
        yield f"{where}: an object is expected"
        return
    for name in required:
        if name not in value:
            yield f"{where}: {name} is required"
    for name, member in value.items():
        if name not in members:
            yield f"{where}: {name} is not a ninjs property here"
        else:
            yield from check(member, members[name], f"{where}.{name}")


def check_integer(value, low, high, where: str):
    if isinstance(value, bool) or not isinstance(value, int):
        yield f"{where}: an integer is expected"
    elif (low is not None and value < low) or (high is not None and value > high):
        yield f"{where}: {value} is outside {low}..{high}"


def check_scalar(value, kind: str, where: str):
    if kind == ANY_OBJECT:
        if not isinstance(value, dict):
            yield f"{where}: an object is expected"
    elif kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            yield f"{where}: a number is expected"
    elif not isinstance(value, str):
        yield f"{where}: a string is expected"
    elif kind == DATETIME and not is_date_time(value):
        yield f"{where}: {value!r} is not an RFC 3339 date-time"
    elif kind == URI and not is_uri(value):
        yield f"{where}: {value!r} is not an absolute URI"


def is_date_time(text: str) -> bool:
    """Return True for an RFC 3339 date-time: a date, a time and an offset or Z."""
    if len(text) < 20 or text[10] not in "Tt":
        return False
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return False
    return moment.tzinfo is not None


def is_uri(text: str) -> bool:
    """Return True for an absolute URI: a scheme and something after it, no spaces."""
    parts = urlsplit(text)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in text
