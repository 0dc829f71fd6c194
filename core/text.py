"""Plain-text helpers shared by the models of several apps."""


def split_lines(text: str) -> list[str]:
    """Return the non-empty, stripped lines of a text field."""
    return [line.strip() for line in text.splitlines() if line.strip()]
