"""Tag vocabulary matching on word boundaries."""

from articles.importers.tags import MAX_SUGGESTED, TagMatcher, suggest_tags

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


def suggest(headline="", lead="", body=(), roles=None, organisations=()):
    return suggest_tags(
        TagMatcher(VOCABULARY),
        headline=headline,
        lead=lead,
        body=list(body),
        roles=roles or {},
        organisations=set(organisations),
    )


def test_suggestions_are_ranked_and_say_why():
    found = suggest(
        headline="Hong Kong weighs new AI rules",
        lead="Officials in Hong Kong said on Monday the rules would follow the US model.",
        body=["AI firms objected.", "The AI rules start in spring.", "Asean was not asked."],
        roles={"Ada Brent": "a delegate to the NPC"},
        organisations={"npc"},
    )
    assert [(s.key, s.reasons) for s in found] == [
        ("hk", ["in the headline", "in the first paragraph"]),
        ("ai", ["in the headline", "mentioned 2 times"]),
        ("npc", ["Ada Brent’s organisation"]),
        ("us", ["in the first paragraph"]),
    ]  # Asean, named once deep in the story, is left out


def test_a_place_in_a_role_phrase_is_not_an_organisation():
    found = suggest(roles={"Ada Brent": "a Hong Kong delegate"}, organisations={"npc"})
    assert found == []


def test_no_more_than_the_cap_are_suggested():
    vocabulary = {n: [f"Term{n}"] for n in range(MAX_SUGGESTED + 5)}
    body = [" ".join(f"Term{n} Term{n}" for n in vocabulary)]
    found = suggest_tags(
        TagMatcher(vocabulary), headline="", lead="", body=body, roles={}, organisations=set()
    )
    assert len(found) == MAX_SUGGESTED
