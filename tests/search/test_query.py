"""Parsing what readers type into safe clauses, the same for both engines."""

from articles.search import postgres, sqlite
from articles.search.query import Clause, parse_query


def test_it_reads_phrases_words_and_exclusions():
    parsed = parse_query('"green bonds" -tax harbour')

    assert parsed.clauses == (
        Clause(("green", "bonds")),
        Clause(("tax",), negated=True),
        Clause(("harbour",), prefix=True),
    )


def test_it_completes_only_a_long_enough_last_plain_word():
    assert parse_query("harbour fe").clauses[-1].prefix is False
    assert parse_query("harbour fer").clauses[-1].prefix is True
    assert parse_query('"harbour"').clauses[-1].prefix is False
    assert parse_query("harbour -ferry").clauses[-1].prefix is False


def test_it_drops_lone_stop_words_but_keeps_them_in_phrases():
    assert parse_query("the").clauses == ()
    assert parse_query('"state of the art"').clauses[0].words == ("state", "of", "the", "art")


def test_it_splits_hyphenated_words_into_a_phrase():
    assert parse_query("Mei-fun").clauses == (Clause(("mei", "fun")),)


def test_a_query_of_only_exclusions_or_punctuation_is_empty():
    assert not parse_query("-tax")
    assert not parse_query('*** "" ( OR')


def test_fts5_syntax_from_user_text_is_always_quoted():
    parsed = parse_query('NEAR(ferry pier) OR "x" -nearby col:value* ^start')

    assert sqlite.fts_query(parsed) == (
        '("near ferry" "pier" "x" "col value" "start"*) NOT "nearby"'
    )


def test_postgres_clauses_are_quoted_for_websearch_to_tsquery():
    clauses = parse_query('"green bonds" -tax').clauses

    assert [postgres.websearch_text(clause) for clause in clauses] == ['"green bonds"', '-"tax"']


def test_it_caps_the_length_of_the_query():
    assert len(parse_query("a" * 5000).text) == 200
