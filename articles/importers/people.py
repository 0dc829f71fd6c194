"""Recognise the people a story names, their role phrases and later surname-only references."""

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .places import place_names
from .result import FoundPerson
from .words import (
    CHINESE_SURNAMES,
    CORE_TITLES,
    ENGLISH_HYPHEN_ENDINGS,
    GIVEN_NAMES,
    NATIONALITIES,
    NOT_PERSON_WORDS,
    PLACE_PREPOSITIONS,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
    TITLE_QUALIFIERS,
    words_of,
)

UPPER, LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
TOKEN = (
    rf"(?:[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:-[A-Za-z][{LOWER}]+)*"
    rf"|O['’][{UPPER}][{LOWER}]+|Dato'|[A-Z]{{2,5}}|(?:[A-Z]\.){{1,3}})"
)
RUN = re.compile(rf"(?<![\w'’-]){TOKEN}(?: {TOKEN})*(?![\w-])")
GIVEN_HYPHEN = re.compile(rf"[{UPPER}][{LOWER}]+-(?P<end>[{LOWER}]+)")
TWO_WORD_TITLES = {("Tan", "Sri"), ("Toh", "Puan"), ("Datuk", "Seri"), ("Dato'", "Sri")}
APPOSITIVE = re.compile(
    r"^(?:\s*\((?:left|right|centre|center|front|back|above|pictured|second [^)]{1,12})\))?"
    r"\s*,\s+(?P<phrase>[^,;!?“”\"]{3,200}?)\s*(?=,|\.(?:\s|$)|;|$|\s(?:said|says|told|added)\b)"
)
PHRASE_STOPPERS = words_of("""
when while after before by that with as to for from in on at of including than is was are were
be been being has have had who which whom whose because if since though although but or such
among between about against under over into via per not said says
""")
APPOSITIVE_STARTS = words_of("a an the former now also then currently once still")
# "councillor for trade", "minister of finance": a role and its portfolio before a name.
PORTFOLIO_LINKS = words_of("for of")
END_PUNCTUATION = tuple(',.;:!?)”"(“')


@dataclass
class _Person:
    tokens: list[str]
    surname: str
    role_phrase: str = ""
    count: int = 0
    introduced: int = 0
    variants: list[str] = field(default_factory=list)
    order: int = 0  # when first met
    starts: set[tuple[str, ...]] = field(default_factory=set)  # the beginnings indexed


def is_given_hyphen(token: str) -> bool:
    """Return True if `token` looks like a hyphenated Chinese given name ("Mei-fun")."""
    match = GIVEN_HYPHEN.fullmatch(token)
    return bool(match) and match["end"] not in ENGLISH_HYPHEN_ENDINGS


def surname_of(tokens: list[str]) -> str:
    """Return the surname: before a hyphenated given name, else the Chinese one, else the last."""
    for index, token in enumerate(tokens[1:], start=1):
        if is_given_hyphen(token):
            return tokens[index - 1]
    if tokens[0] in CHINESE_SURNAMES and tokens[0] not in GIVEN_NAMES:
        return tokens[0]
    if len(tokens) >= 3 and tokens[1] in CHINESE_SURNAMES:  # "Evelyn Tan Pei Shan"
        return tokens[1]
    return tokens[-1]


def trim_to_name(tokens: list[str]) -> list[str]:
    """Return the tokens from the given name on, when a hyphenated Chinese given name ends it."""
    for index, token in enumerate(tokens[1:], start=1):
        if is_given_hyphen(token):
            start = max(index - 2, 0)
            if start < index - 1 and _not_name_token(tokens[start]):
                start += 1
            return tokens[start : index + 1]
    return tokens


def split_title(tokens: list[str]) -> tuple[list[str], str]:
    """Return the name tokens of a capitalised run and the title written before them."""
    while tokens and tokens[0] in SENTENCE_STARTERS:
        tokens = tokens[1:]
    titled = [_is_title(tokens, index) for index in range(len(tokens))]
    if not any(titled):
        return tokens, ""
    last = max(index for index, flag in enumerate(titled) if flag)
    first = last
    while first > 0 and (titled[first - 1] or tokens[first - 1] in TITLE_QUALIFIERS):
        first -= 1
    return tokens[last + 1 :], " ".join(tokens[first : last + 1])


def _is_title(tokens: list[str], index: int) -> bool:
    """Return True if the token at `index` is (part of) a title."""
    pair_after = tuple(tokens[index : index + 2])
    pair_before = tuple(tokens[max(index - 1, 0) : index + 1])
    return (
        tokens[index] in CORE_TITLES
        or pair_after in TWO_WORD_TITLES
        or (index > 0 and pair_before in TWO_WORD_TITLES)
    )


def pre_phrase(before: str) -> str:
    """Return the role phrase written just before a name ("veteran lawmaker"), if any."""
    words = before.split()
    picked: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        sentence_start = index == 0 or words[index - 1].endswith((".", "!", "?", ":"))
        if _joins_portfolio(words, index, picked):
            picked.append(word)
            continue
        if word.endswith(END_PUNCTUATION) or word.lower() in PHRASE_STOPPERS | SPEECH_VERBS:
            break
        if word.lower() == "and":
            if index > 0 and words[index - 1].lower() in ROLE_NOUNS:
                picked.append(word)
                continue
            break
        if word[0].isupper() and not _possessive(word) and not sentence_start:
            break
        picked.append(word)
        if sentence_start or word.lower() in {"a", "an", "the"} or len(picked) > 8:
            break
    picked.reverse()
    if not picked or not _names_a_role(picked) or len(picked) > 8:
        return ""
    if picked[0][0].isupper() and not _possessive(picked[0]) and picked[0] in SENTENCE_STARTERS:
        picked = picked[1:]
    phrase = " ".join(picked)
    first_is_proper = _possessive(picked[0]) or picked[0].isupper()
    return phrase if first_is_proper else phrase[:1].lower() + phrase[1:]


def _joins_portfolio(words: list[str], index: int, picked: list[str]) -> bool:
    """Return True if words[index] is the "for"/"of" of "councillor for trade" ahead of a name."""
    return (
        words[index].lower() in PORTFOLIO_LINKS
        and 0 < len(picked) <= 3
        and all(word.islower() for word in picked)
        and index > 0
        and words[index - 1].lower() in ROLE_NOUNS
    )


def _names_a_role(picked: list[str]) -> bool:
    """Return True if the phrase ends on a role noun, or on a role noun's portfolio."""
    lowered = [word.lower() for word in picked]
    if lowered[-1] in ROLE_NOUNS:
        return True
    links = [i for i, word in enumerate(lowered) if word in PORTFOLIO_LINKS and i > 0]
    return bool(links) and lowered[links[-1] - 1] in ROLE_NOUNS


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s"))


def appositive(after: str) -> str:
    """Return the description set off by commas right after a name, if it is one."""
    match = APPOSITIVE.match(after)
    if not match:
        return ""
    phrase = re.sub(r"^who (?:is|was) ", "", match["phrase"].strip())
    words = phrase.split()
    has_role = any(word.strip("()").lower() in ROLE_NOUNS for word in words)
    if not has_role or len(words) > 20:
        return ""
    first = words[0].lower()
    if first in APPOSITIVE_STARTS or first in ROLE_NOUNS:
        return phrase
    return phrase if any(_possessive(word) for word in words[:4]) else ""


@dataclass
class _Context:
    text: str
    start: int
    end: int

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def after(self) -> str:
        rest = self.text[self.end :]
        return rest[2:] if rest.startswith(("’s", "'s")) else rest

    def previous_word(self) -> str:
        words = self.before.split()
        return words[-1].lower() if words else ""

    def next_word(self) -> str:
        words = self.text[self.end :].split()
        return words[0].strip(",.;:").lower() if words else ""


class PeopleFinder:
    """Walk a story in reading order, introducing people and resolving later references."""

    def __init__(self, *, known: Collection[str] = (), not_people: Collection[str] = ()):
        self.known = {name.lower() for name in known}
        self.not_people = {name.lower() for name in not_people}
        self.places = place_names()
        self.people: list[_Person] = []
        # The same people by every beginning of their names, and by surname: a name is only
        # matched to someone whose name begins it or whom it begins, or, alone, to a surname.
        # Comparing every name with every person took minutes on a long document.
        self.by_start: dict[tuple[str, ...], list[_Person]] = {}
        self.by_name: dict[tuple[str, ...], list[_Person]] = {}
        self.by_surname: dict[str, list[_Person]] = {}
        self.clock = 0
        self.excluded: set[str] = set()

    def exclude(self, names: Iterable[str]) -> None:
        """Never report these names (the story's own bylines) as people mentioned."""
        self.excluded |= {name.lower() for name in names}

    def read(self, texts: Iterable[str]) -> list[FoundPerson]:
        """Return the people named in `texts`, in order of first mention."""
        for text in texts:
            for match in RUN.finditer(text):
                self._read_run(match.group().split(" "), _Context(text, match.start(), match.end()))
        return [self._result(person) for person in self.people if person.count]

    def _read_run(self, tokens: list[str], context: _Context) -> None:
        name, title = split_title(tokens)
        name = trim_to_name(name)
        if len(name) == 1:
            self._refer(name[0], context)
        elif 2 <= len(name) <= 4 and " ".join(name).lower() not in self.excluded:
            role = self._role(context)
            if self._is_person(name, title, role, context):
                self._introduce(name, role or title)

    def _role(self, context: _Context) -> str:
        """Return the description before the run (and its title) joined to the one after."""
        phrases = [pre_phrase(context.before), appositive(context.after)]
        return ", ".join(phrase for phrase in phrases if phrase)

    def _is_person(self, name: list[str], title: str, role: str, context: _Context) -> bool:
        full = " ".join(name).lower()
        if any(_not_name_token(token) for token in name):
            return False
        if full in self.known:
            return True
        strong = bool(title) or any(is_given_hyphen(token) for token in name[1:])
        if not strong and (
            full in self.not_people
            or full in self.places
            or context.previous_word() in PLACE_PREPOSITIONS
        ):
            return False
        return strong or bool(role) or self._weak_evidence(name, context)

    def _weak_evidence(self, name: list[str], context: _Context) -> bool:
        initials = re.fullmatch(r"[A-Z]{2}|(?:[A-Z]\.)+", name[0]) and name[1] in CHINESE_SURNAMES
        return bool(
            name[0] in GIVEN_NAMES
            or initials
            or context.next_word() in SPEECH_VERBS
            or context.previous_word() == "said"
        )

    def _introduce(self, name: list[str], role: str) -> None:
        self.clock += 1
        person = self._namesake(name)
        if person is None:
            person = _Person(tokens=name, surname=surname_of(name), order=len(self.people))
            self.people.append(person)
            self.by_surname.setdefault(person.surname, []).append(person)
            self._index(person, name)
        elif len(name) > len(person.tokens):
            self._index(person, name)
        variant = " ".join(name)
        if variant not in person.variants:
            person.variants.append(variant)
        person.role_phrase = person.role_phrase or role
        person.count += 1
        person.introduced = self.clock

    def _namesake(self, name: list[str]) -> "_Person | None":
        """Return the first person met whose name begins `name` or is begun by it."""
        key = tuple(name)
        found = list(self.by_start.get(key, ()))  # their names begin with this one
        for length in range(1, len(key)):  # or this one begins with theirs
            found += self.by_name.get(key[:length], ())
        return min(found, key=lambda person: person.order, default=None)

    def _index(self, person: "_Person", tokens: list[str]) -> None:
        """Give `person` the name `tokens` (their longest yet) and index it."""
        if person.count:  # known by a shorter name until now
            self.by_name[tuple(person.tokens)].remove(person)
        person.tokens = tokens
        self.by_name.setdefault(tuple(tokens), []).append(person)
        for length in range(1, len(tokens) + 1):
            start = tuple(tokens[:length])
            if start not in person.starts:
                person.starts.add(start)
                self.by_start.setdefault(start, []).append(person)

    def _refer(self, word: str, context: _Context) -> None:
        candidates = [p for p in self.by_surname.get(word, ()) if p.count]
        if candidates:
            person = max(candidates, key=lambda p: p.introduced)
            person.count += 1
            person.role_phrase = person.role_phrase or appositive(context.after)

    def _result(self, person: _Person) -> FoundPerson:
        name = " ".join(person.tokens)
        return FoundPerson(
            name=name,
            surname=person.surname,
            role_phrase=person.role_phrase[:255],
            count=person.count,
            variants=[variant for variant in person.variants if variant != name],
        )


def _not_name_token(token: str) -> bool:
    """Return True if a token marks an organisation, place or nationality."""
    if token in NOT_PERSON_WORDS or token in NATIONALITIES:
        return True
    return token.isupper() and len(token) >= 3 and "." not in token


def find_people(
    texts: Iterable[str],
    *,
    known: Collection[str] = (),
    not_people: Collection[str] = (),
    exclude: Iterable[str] = (),
) -> list[FoundPerson]:
    """Return the people named in `texts` with role phrases and mention counts."""
    finder = PeopleFinder(known=known, not_people=not_people)
    finder.exclude(exclude)
    return finder.read(texts)


def candidate_names(texts: Iterable[str]) -> set[str]:
    """Return every two- to four-word capitalised run, titles removed: names to look up."""
    names = set()
    for text in texts:
        for match in RUN.finditer(text):
            name = trim_to_name(split_title(match.group().split(" "))[0])
            if 2 <= len(name) <= 4:
                names.add(" ".join(name))
    return names
