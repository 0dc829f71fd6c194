"""Our own invented stories, written in the same style as wire copy."""

from articles.importers.people import find_people
from articles.importers.plaintext import parse_plaintext
from articles.importers.source import decode_source


def parse(data: bytes):
    return parse_plaintext(decode_source(data))


def people_of(parsed):
    found = find_people(
        parsed.searchable_texts(), exclude=parsed.authors + parsed.additional_reporting
    )
    return {person.name: person for person in found}


def test_it_reads_the_byline_line_and_the_dateline(ferry_bytes):
    parsed = parse(ferry_bytes)
    assert parsed.authors == ["Aminah Rahim", "Kevin Loh"]
    assert parsed.dateline == "GEORGE TOWN"
    assert parsed.paragraphs[0].startswith("The ageing ferry terminal")  # the dateline left it


def test_a_dateline_on_its_own_line_is_not_a_paragraph(swim_bytes):
    parsed = parse(swim_bytes)
    assert parsed.dateline == "GEORGE TOWN"
    assert parsed.paragraphs[0].startswith("More than 600 swimmers")


def test_it_finds_subheadings_and_captions_in_place(ferry_bytes):
    parsed = parse(ferry_bytes)
    assert parsed.subheadings == ["Stalls at half the rent", "What comes next for the waterfront"]
    kinds = [block.kind for block in parsed.blocks]
    assert kinds.index("subheading") < kinds.index("figure")
    assert [(f.text, f.credit) for f in parsed.figures] == [
        ("A ferry leaves the terminal at dusk.", "Nadia Ismail")
    ]


def test_plural_photo_credits_are_captions_too(swim_bytes):
    assert [figure.credit for figure in parse(swim_bytes).figures] == ["Island Swim Club"]


def test_tail_lists_and_promos_stay_out_of_the_body(ferry_bytes):
    parsed = parse(ferry_bytes)
    body = " ".join(block.text for block in parsed.blocks)
    for furniture in ["newsletter", "mobile app", "Durian season", "Palm oil", "More from"]:
        assert furniture not in body
    assert "Durian season arrives early in the hills" in parsed.dropped


def test_next_in_headlines_become_related_headlines(ferry_bytes):
    parsed = parse(ferry_bytes)
    assert parsed.related_section == "Business"
    assert parsed.related_headlines == [
        "Palm oil exporters brace for softer demand",
        "Ringgit steadies as investors await rate decision",
        "Budget airline adds Penang routes to Bangkok",
    ]


def test_additional_reporting_copyright_and_publisher_are_recognised(ferry_bytes):
    parsed = parse(ferry_bytes)
    assert parsed.additional_reporting == ["Farah Idris"]
    assert parsed.source_name == "Penang Daily Courier"
    assert parsed.copyright_line == "Copyright 2025 Penang Daily Courier"


def test_people_come_without_titles_and_with_their_role_phrases(ferry_bytes):
    people = people_of(parse(ferry_bytes))
    assert people["Lee Mei Ling"].role_phrase == "state tourism councillor"
    assert people["Marcus Teoh Kah Wei"].role_phrase == "harbour planner"
    assert people["Felicia Wong Sze Min"].role_phrase.startswith("a hawker who sells")
    assert set(people) == {"Lee Mei Ling", "Marcus Teoh Kah Wei", "Felicia Wong Sze Min"}


def test_bylines_and_credits_are_not_people_mentioned(ferry_bytes):
    people = people_of(parse(ferry_bytes))
    assert not {"Aminah Rahim", "Kevin Loh", "Farah Idris", "Nadia Ismail"} & set(people)


def test_a_shared_surname_goes_to_whoever_was_named_most_recently(swim_bytes):
    people = people_of(parse(swim_bytes))
    # Tan Boon Huat: named, "Tan said", named again, "Tan said" at the end.
    assert people["Tan Boon Huat"].count == 4
    # Evelyn Tan Pei Shan: named, then "said Tan, who is 52".
    assert people["Evelyn Tan Pei Shan"].count == 2
    assert people["Evelyn Tan Pei Shan"].surname == "Tan"
    # "The race committee chairman, Roberto Alvarez, a former open-water coach, said": the
    # descriptions on both sides of the name.
    assert people["Roberto Alvarez"].role_phrase == (
        "the race committee chairman, a former open-water coach"
    )
