"""Person-name and role-phrase recognition on short invented sentences."""

import pytest

from articles.importers.people import find_people, surname_of


def names(*texts, **options):
    return {person.name: person for person in find_people(list(texts), **options)}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Chief Executive Harold Fung Ka-lok opened the pier.", "Harold Fung Ka-lok",
         "Chief Executive"),
        ("Datuk Rosalind Goh Siew Lan cut the ribbon.", "Rosalind Goh Siew Lan", "Datuk"),
        ("Transport Minister Carl Huang Ming said fares would fall.", "Carl Huang Ming",
         "Transport Minister"),
        ("Ferry historian Agnes Yau Pui-ling said the pier was built in 1912.",
         "Agnes Yau Pui-ling", "ferry historian"),
        ("Derek Mok Chi-wai, chairman of the Harbour Users Alliance, objected.",
         "Derek Mok Chi-wai", "chairman of the Harbour Users Alliance"),
        ("Nicole Sze Ka-yan, a lawyer and part-time sailor, said the rules were clear.",
         "Nicole Sze Ka-yan", "a lawyer and part-time sailor"),
        ("State executive councillor for trade Tengku Amir Hakim said the port would grow.",
         "Tengku Amir Hakim", "state executive councillor for trade"),
        ("The board heard that deputy minister of fisheries Ola Brandt had resigned.",
         "Ola Brandt", "deputy minister of fisheries"),
    ],
)  # fmt: skip
def test_it_takes_titles_off_names_and_keeps_the_role_phrase(text, name, role):
    people = names(text)
    assert list(people) == [name]
    assert people[name].role_phrase == role


@pytest.mark.parametrize(
    "text",
    [
        "The delegation flew on to Abu Dhabi and Kuala Lumpur on Monday.",
        "Harbour Institute said the Ocean Terminal would reopen.",
        "Shares of Northwind Holdings rose after the Lunar New Year.",
        "Mainland Chinese visitors crowded Hong Kong-based shops in Tsim Sha Tsui.",
    ],
)
def test_organisations_places_and_things_are_not_people(text):
    assert names(text) == {}


def test_a_vocabulary_name_is_not_a_person_even_before_said():
    assert names("Harbour Crossings said fares would rise.", not_people=["Harbour Crossings"]) == {}


def test_a_name_already_in_the_newsroom_is_a_person_without_other_clues():
    people = names("The award went to Oona Brightwater this year.", known=["Oona Brightwater"])
    assert list(people) == ["Oona Brightwater"]


def test_the_short_form_and_the_full_form_are_one_person():
    people = names(
        "Peter Ho (left) greets the crew.",
        "Secretary for Boats Peter Ho Wing-kei said the fleet would grow.",
        "Ho added that two vessels were on order.",
    )
    assert list(people) == ["Peter Ho Wing-kei"]
    assert people["Peter Ho Wing-kei"].count == 3
    assert people["Peter Ho Wing-kei"].variants == ["Peter Ho"]


def test_the_most_recently_introduced_of_two_namesakes_wins():
    people = names(
        "Engineer Alan Cheung Wai-ming designed the hull.",
        "“It is light,” said Cheung.",
        "Captain Grace Cheung Yuk-lan will sail it first.",
        "Cheung said she was ready.",
        "Alan Cheung Wai-ming watched from the pier.",
        "Cheung waved.",
    )
    assert people["Alan Cheung Wai-ming"].count == 4
    assert people["Grace Cheung Yuk-lan"].count == 2


def test_a_surname_before_anyone_is_introduced_counts_for_nobody():
    assert names("Wong said the gate would open.", "Later, Tony Lam said it had not.") == {
        "Tony Lam": find_people(["Later, Tony Lam said it had not."])[0]
    }


@pytest.mark.parametrize(
    ("tokens", "surname"),
    [
        (["Priscilla", "Leung", "Mei-fun"], "Leung"),
        (["Leung", "Chun-ying"], "Leung"),
        (["Lee", "Mei", "Ling"], "Lee"),
        (["Evelyn", "Tan", "Pei", "Shan"], "Tan"),
        (["Roberto", "Alvarez"], "Alvarez"),
    ],
)
def test_it_knows_where_the_surname_is(tokens, surname):
    assert surname_of(tokens) == surname


@pytest.mark.parametrize(
    "text",
    [
        "A report for the council by Ada Brent was published.",
        "He spoke of trade Tengku Amir Hakim said.",
    ],
)
def test_for_and_of_make_a_role_only_after_a_role_noun(text):
    people = names(text)
    assert all(person.role_phrase == "" for person in people.values())
