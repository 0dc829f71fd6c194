"""Turn what a reader types into a safe, engine-neutral query."""

import re
from dataclasses import dataclass, replace

MAX_QUERY_LENGTH = 200
MIN_PREFIX_LENGTH = 3
# A quoted phrase or a bare word, either one optionally excluded with a leading minus.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's English stop words; dropped from both engines so that they behave alike.
ENGLISH_STOP_WORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did
doing a an the and but if or because as until while of at by for with about against
between into through during before after above below to from up down in out on off over
under again further then once here there when where why how all any both each few more
most other some such no nor not only own same so than too very s t can will just don
should now
"""
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS.split())


@dataclass(frozen=True)
class Clause:
    """Words that must appear next to each other (one word, or a phrase)."""

    words: tuple[str, ...]
    negated: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...]
    # The fallback when nothing matches every word: an article may match any one of them.
    any_word: bool = False

    @property
    def required(self) -> tuple[Clause, ...]:
        """Return the clauses every result must match."""
        return tuple(clause for clause in self.clauses if not clause.negated)

    @property
    def excluded(self) -> tuple[Clause, ...]:
        """Return the clauses no result may match."""
        return tuple(clause for clause in self.clauses if clause.negated)

    def __bool__(self) -> bool:
        return bool(self.required)


def parse_query(text: str, *, complete_last_word: bool = False) -> ParsedQuery:
    """Parse `text` into phrases, words and exclusions.

    A plain word ending in `*` also finds the longer words it begins (`univ*`). Search as
    you type (`complete_last_word`) treats the last plain word that way without the star.
    """
    text = (text or "")[:MAX_QUERY_LENGTH]
    tokens = [token for token in map(_token, TOKEN.finditer(text)) if token]
    clauses = [
        replace(clause, prefix=_can_be_prefix(clause, completable))
        if starred or (complete_last_word and n == len(tokens) - 1)
        else clause
        for n, (clause, completable, starred) in enumerate(tokens)
    ]
    return ParsedQuery(text=text.strip(), clauses=tuple(clauses))


def _token(match: re.Match) -> tuple[Clause, bool, bool] | None:
    """Return one token's clause, whether it may be completed, and whether it ends in `*`.

    None when nothing searchable is left.
    """
    minus, phrase, bare_minus, bare = match.groups()
    quoted = bare is None
    words = tuple(word.lower() for word in WORD.findall(phrase if quoted else bare))
    # A lone stop word means nothing; inside a phrase it keeps the phrase's shape.
    if not words or (not quoted and len(words) == 1 and words[0] in STOP_WORDS):
        return None
    clause = Clause(words, negated=bool(minus or bare_minus))
    completable = not quoted and len(words) == 1
    return clause, completable, not quoted and bare.endswith("*")


def _can_be_prefix(clause: Clause, completable: bool) -> bool:
    """Return True if the clause is a single unquoted wanted word long enough to complete."""
    return completable and not clause.negated and len(clause.words[0]) >= MIN_PREFIX_LENGTH
