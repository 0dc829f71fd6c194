"""The house-style recogniser on single lines: every dash, and look-alikes of furniture."""

import pytest

from articles.importers.house_styles import DASHES, HOUSE
from articles.importers.plaintext import parse_plaintext

DASH_FORMS = ["--", *DASHES]


def parse(*lines: str):
    return parse_plaintext("\n\n".join(["A headline", *lines]))


@pytest.mark.parametrize("dash", DASH_FORMS)
@pytest.mark.parametrize(
    ("opening", "dateline", "source"),
    [
        ("OSTERBY, Aug 21 (Reuters)", "OSTERBY, Aug 21 (Reuters)", "Reuters"),
        ("CEDAR RIDGE, Mont. (AP)", "CEDAR RIDGE, Mont. (AP)", "Associated Press"),
        ("Altstein (dpa)", "Altstein (dpa)", "dpa"),
        ("TOKYO, Oct. 7 Kyodo", "TOKYO, Oct. 7 Kyodo", "Kyodo News"),
        ("(Bloomberg)", "", "Bloomberg"),
        ("SINGAPORE", "SINGAPORE", ""),
    ],
)
def test_a_dateline_leaves_the_first_paragraph_whatever_its_dash(dash, opening, dateline, source):
    parsed = parse(f"{opening} {dash} The river rose overnight.")
    assert (parsed.dateline, parsed.source_name) == (dateline, source)
    assert parsed.paragraphs == ["The river rose overnight."]


@pytest.mark.parametrize(
    "line",
    [
        "COVID-19 cases rose again in the city on Monday.",
        "By Monday, the river had risen by two metres.",
        "US-China talks resume – officials said nothing more.",
    ],
)
def test_a_paragraph_that_only_looks_like_furniture_stays_a_paragraph(line):
    parsed = parse(line)
    assert parsed.paragraphs == [line]
    assert (parsed.dateline, parsed.authors) == ("", [])


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Rain falls on the pier. (AP Photo/Ana Lima)", "Ana Lima/AP"),
        ("Rain falls on the pier. REUTERS/Ana Lima/File Photo", "Ana Lima/Reuters"),
        ("Rain falls on the pier. (Photo by ANA LIMA / AFP)", "Ana Lima/AFP"),
        ("Rain falls on the pier. Photo: Ana Lima/dpa", "Ana Lima/dpa"),
        ("Rain falls on the pier. ST PHOTO: ANA LIMA", "Ana Lima/The Straits Times"),
        ("Rain falls on the pier. Photograph: Ana Lima/Getty Images", "Ana Lima/Getty Images"),
        ("Rain falls on the pier. (Xinhua/Ana Lima)", "Ana Lima/Xinhua"),
    ],
)
def test_each_row_credit_is_read_as_name_and_agency(caption, credit):
    found = HOUSE.photo_credit(caption)
    assert found == ("Rain falls on the pier.", credit)


def test_separators_and_closing_lines_leave_the_body():
    parsed = parse("The river rose.", "___", "* * *", "Enditem", "-- BERNAMA", "==Kyodo")
    assert parsed.paragraphs == ["The river rose."]
    assert parsed.source_name == "Xinhua"  # the first closing line that names its agency
