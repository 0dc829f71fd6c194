"""Parsing what readers type into safe clauses, the same for both engines."""

from search import postgres, sqlite
from search.query import Clause, parse_query
from search.tiers import HEADLINE


def test_it_reads_phrases_words_and_exclusions():
    parsed = parse_query('"green bonds" -tax harbour')

    assert parsed.clauses == (
        Clause(("green", "bonds")),
        Clause(("tax",), negated=True),
        Clause(("harbour",)),
    )


def test_a_starred_word_is_a_beginning_wherever_it_stands():
    parsed = parse_query("univ* harbour fer*")

    assert [clause.prefix for clause in parsed.clauses] == [True, False, True]


def test_search_as_you_type_completes_only_a_long_enough_last_plain_word():
    def last(text):
        return parse_query(text, complete_last_word=True).clauses[-1].prefix

    assert last("harbour fe") is False
    assert last("harbour fer") is True
    assert last('"harbour"') is False
    assert last("harbour -ferry") is False
    assert parse_query("harbour fer").clauses[-1].prefix is False


def test_it_drops_lone_stop_words_but_keeps_them_in_phrases():
    assert parse_query("the").clauses == ()
    assert parse_query('"state of the art"').clauses[0].words == ("state", "of", "the", "art")


def test_it_splits_hyphenated_words_into_a_phrase():
    assert parse_query("Mei-fun").clauses == (Clause(("mei", "fun")),)


def test_a_query_of_only_exclusions_or_punctuation_is_empty():
    assert not parse_query("-tax")
    assert not parse_query('*** "" ( OR')


def test_fts5_syntax_from_user_text_is_always_quoted():
    parsed = parse_query('NEAR(ferry pier) OR "x" -nearby col:value* ^start fer*')

    assert sqlite.fts_query(parsed) == (
        '(("near ferry" "pier" "x" "col value" "start" "fer"*)) NOT "nearby"'
    )


def test_fts5_tiers_match_in_their_columns_and_score_every_column():
    parsed = parse_query('"green bonds" -tax')

    assert sqlite.fts_query(parsed, HEADLINE) == (
        '(({headline} : ("green bonds")) AND ("green bonds")) NOT "tax"'
    )


def test_postgres_clauses_become_to_tsquery_terms_with_the_tiers_weight():
    clauses = parse_query('"green bonds" -tax univ*').clauses

    assert [postgres.raw_clause(clause, "A") for clause in clauses] == [
        "(green:A <-> bonds:A)",
        "!(tax:A)",
        "(univ:*A)",
    ]


def test_it_caps_the_length_of_the_query():
    assert len(parse_query("a" * 5000).text) == 200
