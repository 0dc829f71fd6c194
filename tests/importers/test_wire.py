"""Wire copy in three agencies' styles (our own invented stories): dateline, credits, notes."""

from pathlib import Path

import pytest

from articles.importers.plaintext import parse_plaintext
from articles.models import Byline
from articles.services.importing import import_article

WIRE = Path(__file__).parent / "fixtures" / "wire"


def parse(name: str):
    return parse_plaintext((WIRE / name).read_text())


@pytest.mark.parametrize(
    ("name", "dateline", "agency", "first_words"),
    [
        ("semicolon_credits.txt", "LISBON, Nov 20 (Meridian Wire)", "Meridian Wire", "The harbour"),
        ("dash_agency.txt", "BERGHEIM (Alpine Press)", "Alpine Press", "The rack railway"),
        ("short_agency.txt", "ODENSE, Dec. 3 (Nordlys)", "Nordlys", "Fares on the river"),
    ],
)  # fmt: skip
def test_the_agency_dateline_leaves_the_first_paragraph(name, dateline, agency, first_words):
    parsed = parse(name)
    assert parsed.dateline == dateline
    assert parsed.source_name == agency
    assert parsed.paragraphs[0].startswith(first_words)


def test_a_trailing_credit_line_becomes_bylines_with_their_roles():
    parsed = parse("semicolon_credits.txt")
    assert parsed.authors == ["Bruno Sousa"]
    assert parsed.additional_reporting == ["Ines Carvalho"]
    assert parsed.other_bylines == [("Tom Reyes", "editor"), ("Clara Novak", "editor")]
    assert not any("Reporting by" in text for text in parsed.paragraphs)


def test_writing_credits_are_authors_and_contributors_are_additional_reporting():
    assert parse("short_agency.txt").authors == ["Jonas Berg"]
    assert parse("short_agency.txt").other_bylines == [("Sara Lund", "editor")]
    assert parse("dash_agency.txt").additional_reporting == ["Mia Keller"]


@pytest.mark.parametrize("name", ["semicolon_credits.txt", "dash_agency.txt", "short_agency.txt"])
def test_agency_boilerplate_is_dropped_from_the_body(name):
    body = " ".join(parse(name).paragraphs)
    for phrase in ("Standards", "Trust Principles", "All rights reserved", "contributed"):
        assert phrase not in body


def test_an_imported_wire_story_records_editors_as_editors_not_authors(sections):
    article = import_article(data=(WIRE / "semicolon_credits.txt").read_bytes()).article
    roles = {(b.person.full_name, b.role) for b in article.bylines.select_related("person")}
    assert roles == {
        ("Bruno Sousa", Byline.Role.AUTHOR),
        ("Ines Carvalho", Byline.Role.ADDITIONAL_REPORTING),
        ("Tom Reyes", Byline.Role.EDITOR),
        ("Clara Novak", Byline.Role.EDITOR),
    }
    assert article.dateline == "LISBON, Nov 20 (Meridian Wire)"
    assert article.source_name == "Meridian Wire"
    assert not article.body.startswith("<p>LISBON")
