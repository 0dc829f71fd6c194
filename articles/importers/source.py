"""The first door: decide whether raw bytes are text we can read at all."""

import hashlib

from .result import ImportRejected

MAX_BYTES = 2 * 1024 * 1024
# Bytes that never appear in text: NUL and the C0 controls other than tab, newlines, form feed.
BINARY_BYTES = bytes(range(9)) + bytes([11]) + bytes(range(14, 32))


def decode_source(data: bytes) -> str:
    """Return `data` as normalised text, or raise ImportRejected saying why it is unusable."""
    if len(data) > MAX_BYTES:
        raise ImportRejected(f"The input is {len(data) / 1048576:.1f} MB; the limit is 2 MB.")
    if not data.strip():
        raise ImportRejected("The input is empty.")
    sample = data[:8192]
    if b"\x00" in sample or sum(byte in BINARY_BYTES for byte in sample) > len(sample) // 100:
        raise ImportRejected("The input looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            f"The input is not UTF-8 text (undecodable byte at position {error.start})."
        ) from error
    return normalise(text)


def normalise(text: str) -> str:
    """Return `text` with uniform newlines, no trailing spaces and no non-breaking spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def fingerprint(text: str) -> str:
    """Return the SHA-256 of the normalised source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
