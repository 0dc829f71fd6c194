"""Tag vocabulary matching on word boundaries."""

from articles.importers.tags import TagMatcher

VOCABULARY = {
    "us": ["United States", "US", "America"],
    "ai": ["Artificial intelligence", "AI"],
    "hk": ["Hong Kong"],
    "hkex": ["Hong Kong Stock Exchange", "HKEX"],
    "asean": ["Asean"],
    "npc": ["National People's Congress", "NPC"],
}


def match(*texts):
    return TagMatcher(VOCABULARY).match(texts)


def test_all_capital_aliases_match_only_in_capitals():
    assert match("Let us say the aim is plain; said Mai.") == []
    assert match("The US and AI rules") == ["us", "ai"]


def test_other_terms_match_in_any_case_on_word_boundaries():
    assert match("artificial intelligence in hong kong") == ["ai", "hk"]
    assert match("Aseanplus readers") == []


def test_the_longest_term_wins_and_curly_apostrophes_match_straight_ones():
    assert match("The Hong Kong Stock Exchange opened.") == ["hkex"]
    assert match("the National People’s Congress") == ["npc"]


def test_tags_come_in_order_of_first_occurrence_without_repeats():
    assert match("AI first.", "Then the US, then AI again.") == ["ai", "us"]
