"""The stylesheet's colour pairs meet WCAG 2.2 AA contrast in the light and dark schemes."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR, "static", "css", "site.css").read_text()
# Text colour on background colour, as the stylesheet pairs them.
PAIRS = [
    ("ink", "paper"),
    ("ink", "paper-alt"),
    ("muted", "paper"),
    ("muted", "paper-alt"),
    ("accent", "paper"),
    ("accent", "paper-alt"),
    ("kicker", "paper"),
]
AA_TEXT = 4.5


def scheme(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def light() -> dict[str, str]:
    return scheme(CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))])


def dark() -> dict[str, str]:
    start = CSS.index("@media (prefers-color-scheme: dark)")
    return {**light(), **scheme(CSS[start : CSS.index("}", start)])}


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colours", [light, dark], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_each_text_colour_is_readable_on_its_background(colours, text, background):
    palette = colours()
    assert contrast(palette[text], palette[background]) >= AA_TEXT


def test_the_dark_scheme_really_changes_the_colours():
    assert dark()["paper"] != light()["paper"]
    assert luminance(dark()["paper"]) < 0.05
