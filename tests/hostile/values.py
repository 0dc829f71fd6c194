"""The hostile values every door is tried with, and how to send them as raw bytes."""

from urllib.parse import quote_from_bytes

# Text values, sent as they are (the client encodes them as UTF-8).
TEXT = {
    "10k characters": "a" * 10_000,
    "1M characters": "b" * 1_000_000,
    "text for a number": "twelve",
    "a decimal for an id": "1.5",
    "a huge number": "9" * 40,
    "a float overflow": "1e309",
    "not a number": "NaN",
    "a negative id": "-1",
    "a JSON array": "[1, 2]",
    "a JSON object": '{"a": 1}',
    "right-to-left text": "\u202eمرحبا بالعالم\u200f שלום",
    "emoji": "🗞️👩🏽‍💻🇭🇰",
    "combining characters": "e" + "\u0301\u0336\u0328" * 200,
    "a NUL character": "ferry\x00boat",
    "other control characters": "\x01\x08\x1b[31m\x7f",
    "query syntax": "' \" % _ \\ * : & | ! ( ) < > ; --",
    "tsquery operators": "ferry & !boat | (harbour <-> pier):* ''",
    "a LIKE wildcard only": "%",
    "a date of year zero": "0000-00-00",
    "the last day of 9999": "9999-12-31",
    "the first day of year 1": "0001-01-01",
    "a datetime out of range": "99999-01-01T25:61:61",
}
LONGEST = "1M characters"
# The values that differ for a filter or a lookup, rather than for text: tried on every
# parameter, while search boxes and forms get every value.
FOR_FILTERS = [
    "10k characters", "text for a number", "a huge number", "a negative id", "a JSON array",
    "emoji", "a NUL character", "query syntax", "a date of year zero", "the last day of 9999",
    "the first day of year 1",
]  # fmt: skip
# Bytes that are not UTF-8: a lone surrogate (which PostgreSQL refuses) as CESU-8, and
# bytes that never start a character.
RAW = {
    "invalid UTF-8": b"\xff\xfe\xc0\xaf",
    "a lone surrogate as bytes": b"\xed\xa0\x80",
}
# Where a door takes the value several times over: arrays where scalars are expected.
REPEATED = "the key given twice"


def names() -> list[str]:
    """Return the name of every value tried, for the documentation and the report."""
    return [*TEXT, *RAW, REPEATED]


def urlencoded(pairs: list[tuple[str, str | bytes]]) -> bytes:
    """Return an application/x-www-form-urlencoded body, with bytes values sent as they are."""
    return b"&".join(_quote(key) + b"=" + _quote(value) for key, value in pairs)


def _quote(value: str | bytes) -> bytes:
    raw = value if isinstance(value, bytes) else value.encode("utf-8")
    return quote_from_bytes(raw, safe=b"").encode("ascii")


BOUNDARY = "hostile-boundary-7d1f"


def multipart(pairs: list[tuple[str, str | bytes]]) -> bytes:
    """Return a multipart/form-data body, with bytes values sent as they are."""
    parts = []
    for key, value in pairs:
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(head.encode("utf-8") + raw + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode("ascii")


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"
