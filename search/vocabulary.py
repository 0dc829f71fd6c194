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


def unreachable(parsed: ParsedQuery, tier_field: str, using: str) -> bool:
    """Return True if some wanted word is known to no article's field(s) `tier_field`.

    Words are counted as written and the engines match stems, so a tier is skipped only
    for a word counted in the archive (an unknown word may be a stem's other form).
    """
    words = {w for clause in parsed.required for w in clause.words if not clause.prefix}
    words -= STOP_WORDS
    counts = dict(Word.objects.using(using).filter(word__in=words).values_list("word", tier_field))
    if parsed.any_word:
        return set(counts) == words and not any(counts.values())
    return 0 in counts.values()


def clear(using: str) -> None:
    """Forget every word (before a rebuild counts them afresh)."""
    Word.objects.using(using).all().delete()


def unknown_words(parsed: ParsedQuery, using: str) -> set[str]:
    """Return the wanted words that no indexed article holds."""
    words = {word for clause in parsed.required for word in clause.words if WORD.fullmatch(word)}
    known = Word.objects.using(using).filter(word__in=words, documents__gt=0)
    return words - set(known.values_list("word", flat=True)) - STOP_WORDS


def suggest(parsed: ParsedQuery, engine, using: str) -> ParsedQuery | None:
    """Return the query with each unknown word replaced by the closest known one, or None."""
    fixes = {}
    for word in unknown_words(parsed, using):
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
