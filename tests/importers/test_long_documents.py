"""A long document naming thousands of people is previewed in seconds, or refused at once.

Before, each name was compared with every person met so far (quadratic: about a minute for
1.5 MB) and every one was looked up in one query too deep for SQLite (a 503). A story whose
body would be longer than an article may hold is now refused before any of that.
"""

import random
import time

import pytest

from articles.importers.people import find_people
from articles.sanitize import MAX_HTML_CHARS
from articles.services.writing import RELATION_LIMITS
from tests.importers.previewing import preview

pytestmark = pytest.mark.django_db
GIVEN = [
    "Anna",
    "Ben",
    "Chen",
    "Dara",
    "Eli",
    "Fatima",
    "Goh",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mei",
    "Nur",
    "Omar",
    "Priya",
]
FAMILY = [
    "Lee",
    "Tan",
    "Wong",
    "Okafor",
    "Silva",
    "Kumar",
    "Ng",
    "Chan",
    "Lim",
    "Yusof",
    "Moreau",
    "Novak",
    "Sato",
    "Ali",
    "Costa",
]


def crowded_story(size: int) -> str:
    """Return a plain-text story of `size` bytes naming a new person in every paragraph."""
    rng = random.Random(7)
    parts = ["Ferry crossings double as the harbour fills", "By Jo Writer"]
    n = 0
    while sum(map(len, parts)) < size:
        n += 1
        suffix = "".join(chr(97 + (n // 26**k) % 26) for k in range(3)).capitalize()
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {suffix}"
        parts.append(f"Harbour board chair {name} said on Monday that {n} more boats would sail.")
    return "\n\n".join(parts)


def test_a_long_crowded_story_is_previewed_quickly_with_at_most_the_mention_limit(
    editor_client, sections
):
    text = crowded_story(900_000)  # its body stays under the article's limit
    response = preview(editor_client, text=text)

    assert response.status_code == 200
    assert len(response.context["plan"].people) == RELATION_LIMITS["mentions"]


def seconds_to_find_people(text: str) -> float:
    """Return the least of five timings of reading the people in `text` (the least is the
    one a busy machine disturbed least)."""
    timings = []
    for _ in range(5):
        started = time.process_time()
        find_people(text.split("\n\n"))  # paragraphs, as an import reads them
        timings.append(time.process_time() - started)
    return min(timings)


def test_reading_people_takes_time_in_proportion_to_the_text_not_its_square():
    # Four times the text (and the people): about four times the time, where comparing each
    # name with every person met took sixteen. A ratio, so that a busy machine matters less.
    small, large = crowded_story(60_000), crowded_story(240_000)
    ratio = seconds_to_find_people(large) / seconds_to_find_people(small)
    assert ratio < 8, ratio


def test_a_story_longer_than_an_article_may_hold_is_refused_at_once(editor_client, sections):
    text = crowded_story(1_500_000)
    # The work this process does (the test client serves in it), not the time it waits for
    # the cores: CI runs two suites on two cores at once.
    started = time.process_time()
    response = preview(editor_client, text=text)
    assert time.process_time() - started < 10
    assert response.status_code == 200  # the form again, saying why
    assert f"the limit is {MAX_HTML_CHARS}" in response.content.decode()
    assert response.context["plan"] is None
