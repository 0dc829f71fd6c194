"""The archive's own words, counted as articles are indexed, and "Did you mean …" from them."""

import re
from dataclasses import replace

from django.db import connections

from .documents import IndexDocument
from .models import Word
from .query import STOP_WORDS, Clause, ParsedQuery

# Words worth suggesting: letters only, neither tiny nor absurdly long.
WORD = re.compile(r"\b[^\W\d_]{3,40}\b")
COUNTS = ("documents", "headlines", "titles")
UPSERT = (
    f"INSERT INTO {Word._meta.db_table} (word, {', '.join(COUNTS)}) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (word) DO UPDATE SET "
    + ", ".join(f"{n} = {Word._meta.db_table}.{n} + excluded.{n}" for n in COUNTS)
)


def words_of(text: str) -> set[str]:
    """Return the distinct words of `text` worth counting, in lower case."""
    return set(WORD.findall(text.lower())) - STOP_WORDS


def count_words(documents: list[IndexDocument], using: str) -> None:
    """Add one to the counts of every word each document holds, per field it is in."""
    counts: dict[str, list[int]] = {}
    for document in documents:
        headline, secondary = words_of(document.headline), words_of(document.secondary)
        for word in headline | secondary | words_of(document.body):
            row = counts.setdefault(word, [0, 0, 0])
            row[0] += 1
            row[1] += word in headline
            row[2] += word in headline or word in secondary
    if counts:
        with connections[using].cursor() as cursor:
            cursor.executemany(UPSERT, [(word, *row) for word, row in sorted(counts.items())])


def clear(using: str) -> None:
    """Forget every word (before a rebuild counts them afresh)."""
    Word.objects.using(using).all().delete()


def wanted_words(parsed: ParsedQuery) -> set[str]:
    """Return the whole words a result must hold, as the vocabulary spells them."""
    words = {w for clause in parsed.required for w in clause.words if not clause.prefix}
    return {word for word in words if WORD.fullmatch(word)} - STOP_WORDS


def counts_of(parsed: ParsedQuery, using: str) -> dict[str, tuple[int, int, int]]:
    """Return the counts (see COUNTS) of the query's wanted words that the archive holds."""
    words = Word.objects.using(using).filter(word__in=wanted_words(parsed), documents__gt=0)
    return {word: counts for word, *counts in words.values_list("word", *COUNTS)}


def unreachable(parsed: ParsedQuery, tier_count: str, counts: dict) -> bool:
    """Return True if the query's words cannot all be in the fields counted by `tier_count`.

    Words are counted as written and the engines match stems, so a tier is skipped only
    for a word counted in the archive (an unknown word may be a stem's other form).
    """
    column = COUNTS.index(tier_count)
    in_tier = [row[column] for row in counts.values()]
    if parsed.any_word:
        return set(counts) == wanted_words(parsed) and not any(in_tier)
    return 0 in in_tier


def suggest(parsed: ParsedQuery, counts: dict, engine, using: str) -> ParsedQuery | None:
    """Return the query with each unknown word replaced by the closest known one, or None."""
    fixes = {}
    for word in sorted(wanted_words(parsed) - set(counts)):
        closest = engine.closest_word(word, using)
        if closest:
            fixes[word] = closest
    if not fixes:
        return None
    clauses = tuple(
        Clause(tuple(fixes.get(w, w) for w in c.words), c.negated, c.prefix) for c in parsed.clauses
    )
    text = " ".join(clause_text(clause) for clause in clauses)
    return replace(parsed, text=text, clauses=clauses)


def clause_text(clause: Clause) -> str:
    """Return a clause as a reader would type it."""
    words = " ".join(clause.words)
    text = f'"{words}"' if len(clause.words) > 1 else words
    return ("-" if clause.negated else "") + text + ("*" if clause.prefix else "")
