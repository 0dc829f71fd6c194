"""Recognise the people a story names, their role phrases and later surname-only references."""

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .names import (
    PARTICLES,
    is_abbreviated_title,
    is_suffix,
    looks_like_organisation,
    looks_like_person,
)
from .places import place_names
from .result import FoundPerson
from .words import (
    ABBREVIATIONS,
    CHINESE_SURNAMES,
    CORE_TITLES,
    DESCRIPTOR_NOUNS,
    ENGLISH_HYPHEN_ENDINGS,
    GIVEN_NAMES,
    NATIONALITIES,
    NOT_PERSON_WORDS,
    NOT_ROLE_ENDINGS,
    ORGANISATION_NOUNS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    ROLE_ENDINGS,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
    TITLE_QUALIFIERS,
    words_of,
)

UPPER, LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
TOKEN = (
    rf"(?:(?:{'|'.join(sorted(ABBREVIATIONS))})\.(?= )"
    rf"|[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:-[A-Za-z][{LOWER}]+)*"
    rf"|O['’][{UPPER}][{LOWER}]+|Dato'|[A-Z]{{2,5}}|(?:[A-Z]\.){{1,3}})"
)
PARTICLE = rf"(?:{'|'.join(sorted(PARTICLES))})"
RUN = re.compile(rf"(?<![\w'’-]){TOKEN}(?: (?:{PARTICLE} )?{TOKEN})*(?![\w-])")
# A description set off by commas before a name: "The head of the union, Ana Lima, said".
PRE_APPOSITIVE = re.compile(r"(?:^|[.!?:;]\s+|,\s+)(?P<phrase>[^,.;:!?“”\"]{3,120}),\s*$")
AGE = re.compile(r"^,\s*\d{1,3},")
DESCRIBED = re.compile(r"^,\s*(?:who|whose)\b")
# Words that may stand inside an office's title before a name ("Minister of State for X").
OFFICE_LINKS = words_of("of for and the &")
PRE_APPOSITIVE_STARTS = words_of("the a an its their his her our")
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
    if len(tokens) > 2 and is_suffix(tokens[-1]):
        tokens = tokens[:-1]
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
        tokens[index].rstrip(".") in CORE_TITLES
        or is_abbreviated_title(tokens[index])
        or pair_after in TWO_WORD_TITLES
        or (index > 0 and pair_before in TWO_WORD_TITLES)
    )


def pre_phrase(before: str) -> str:
    """Return the role phrase written just before a name ("veteran lawmaker"), if any."""
    words = before.split()
    picked: list[str] = []
    proper = False  # the phrase starts with a name ("Democratic Renewal candidate")
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
        capitalised = word[0].isupper() and not _possessive(word) and not sentence_start
        if capitalised and not _qualifies_role(words, index, picked[::-1]):
            break
        picked.append(word)
        proper = word[0].isupper() and not sentence_start
        if sentence_start or word.lower() in {"a", "an", "the"} or len(picked) > 8:
            break
    picked.reverse()
    if not picked or not _names_a_role(picked) or len(picked) > 8:
        return ""
    if picked[0][0].isupper() and not _possessive(picked[0]) and picked[0] in SENTENCE_STARTERS:
        picked = picked[1:]
    phrase = " ".join(picked)
    first_is_proper = _possessive(picked[0]) or picked[0].isupper() or proper
    return phrase if first_is_proper else phrase[:1].lower() + phrase[1:]


def _qualifies_role(words: list[str], index: int, picked: list[str]) -> bool:
    """Return True if the capitalised words[index] names whose role follows it.

    "Democratic Renewal candidate", "Yishun grassroots leader": a name run straight
    before the role noun, itself after punctuation, a stopper or the start.
    """
    if not picked or not _names_a_role(picked) or words[index] in SENTENCE_STARTERS:
        return False
    start = index
    while (
        start > 0
        and words[start - 1][:1].isupper()
        and not words[start - 1].endswith(END_PUNCTUATION)
    ):
        start -= 1
    before = words[start - 1] if start > 0 else ""
    return (
        not before or before.endswith(END_PUNCTUATION) or before.lower() in PHRASE_STOPPERS
    ) and index - start < 3


def _joins_portfolio(words: list[str], index: int, picked: list[str]) -> bool:
    """Return True if words[index] is the "for"/"of" of "councillor for trade" ahead of a name."""
    return (
        words[index].lower() in PORTFOLIO_LINKS
        and 0 < len(picked) <= 3
        and all(word.islower() for word in picked)
        and index > 0
        and words[index - 1].lower() in ROLE_NOUNS
    )


def is_role_noun(word: str) -> bool:
    """Return True if `word` names what someone does ("director", "glaciologist")."""
    word = word.strip("(),").lower()
    if word in ROLE_NOUNS:
        return True
    return word.endswith(ROLE_ENDINGS) and len(word) > 5 and word not in NOT_ROLE_ENDINGS


def _names_a_role(picked: list[str]) -> bool:
    """Return True if the phrase ends on a role noun, or on a role noun's portfolio."""
    lowered = [word.lower() for word in picked]
    if is_role_noun(lowered[-1]):
        return True
    links = [i for i, word in enumerate(lowered) if word in PORTFOLIO_LINKS and i > 0]
    return bool(links) and is_role_noun(lowered[links[-1] - 1])


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s"))


def appositive(after: str) -> str:
    """Return the description set off by commas right after a name, if it is one."""
    after = AGE.sub(",", after, count=1)  # "Suresh Pillai, 41, an engineer"
    match = APPOSITIVE.match(after)
    if not match:
        return ""
    phrase = re.sub(r"^who (?:is|was) ", "", match["phrase"].strip())
    words = phrase.split()
    has_role = any(is_role_noun(word) for word in words)
    if not has_role or len(words) > 20:
        return ""
    first = words[0].lower()
    if first in APPOSITIVE_STARTS or any(is_role_noun(word) for word in words[:3]):
        return phrase
    return phrase if any(_possessive(word) for word in words[:4]) else ""


def office_title(before: str, prefix: list[str]) -> str:
    """Return an office written in capitals before a name, from its title word on.

    "Minister of State for Sustainability and the Environment Dr": the words before the
    name's run back to the title word that starts them, and the run's own words before it.
    """
    chain: list[str] = []
    for word in reversed(before.split()):
        bare = word.rstrip(",")
        if word.endswith((".", "!", "?", ":", ";", "”", '"')):
            break
        if not (bare[:1].isupper() or bare in OFFICE_LINKS):
            break
        chain.append(word)
    chain.reverse()
    starts = [i for i, word in enumerate(chain) if word.rstrip(",") in CORE_TITLES]
    return " ".join([*chain[starts[0] :], *prefix]) if starts else ""


def pre_appositive(context: "_Context") -> str:
    """Return a description set off by commas before a name ("Its director, X, said")."""
    if not context.text[context.end :].startswith(","):
        return ""
    match = PRE_APPOSITIVE.search(context.before)
    if not match:
        return ""
    words = match["phrase"].split()
    first = words[0].lower()
    if not any(is_role_noun(word) for word in words) or len(words) > 12:
        return ""
    if first not in PRE_APPOSITIVE_STARTS and not _possessive(words[0]):
        return ""
    phrase = match["phrase"].strip()
    return phrase if _possessive(words[0]) else phrase[:1].lower() + phrase[1:]


def _descriptor(name: list[str], context: "_Context") -> tuple[bool, str]:
    """Tell whether a common noun starts the run at a sentence's start ("Hawker Ahmad
    Rizal", "Passenger Wang Lifen"), and return it when it is a role."""
    starts_sentence = not context.before.strip() or context.before.rstrip().endswith(
        (".", "!", "?", ":", "”", '"')
    )
    first = name[0].lower() if name else ""
    if len(name) >= 3 and starts_sentence and (first in DESCRIPTOR_NOUNS or first in ROLE_NOUNS):
        return True, first if first in ROLE_NOUNS else ""
    return False, ""


def _index_of(tokens: list[str], name: list[str]) -> int:
    """Return where `name` starts among the run's tokens."""
    for index in range(len(tokens) - len(name), -1, -1):
        if tokens[index : index + len(name)] == name:
            return index
    return 0


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

    def within_name(self) -> bool:
        """Return True if the run continues a capitalised name through "of"."""
        words = self.before.split()
        return len(words) >= 2 and words[-1] == "of" and words[-2][:1].isupper()

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
                tokens, end = match.group().split(" "), match.end()
                if text[end : end + 1] == "." and is_suffix(tokens[-1]) and len(tokens) > 2:
                    tokens[-1], end = tokens[-1] + ".", end + 1  # "Castellanos Jr., president"
                self._read_run(tokens, _Context(text, match.start(), end))
        return [self._result(person) for person in self.people if person.count]

    def _read_run(self, tokens: list[str], context: _Context) -> None:
        name, title = split_title(tokens)
        strip, descriptor = _descriptor(name, context)
        name = trim_to_name(name[1:] if strip else name)
        if len(name) == 1:
            self._refer(name[0], context)
        elif 2 <= len(name) <= 4 and " ".join(name).lower() not in self.excluded:
            prefix = tokens[: _index_of(tokens, name)]
            role = self._role(context, prefix, title) or descriptor
            if self._is_person(name, title, role, context):
                self._introduce(name, role or title)

    def _role(self, context: _Context, prefix: list[str], title: str) -> str:
        """Return the description before the name (or its office) joined to the one after."""
        before = office_title(context.before, prefix) if prefix or not title else ""
        if not before:
            before = pre_phrase(context.before) or pre_appositive(context)
        phrases = [before, appositive(context.after)]
        return ", ".join(phrase for phrase in phrases if phrase)

    def _is_person(self, name: list[str], title: str, role: str, context: _Context) -> bool:
        full = " ".join(name).lower()
        if any(_not_name_token(token) for token in name):
            return False
        if full in self.known or self._namesake(name) is not None:
            return True  # on file, or already introduced by this story
        strong = bool(title) or any(is_given_hyphen(token) for token in name[1:])
        previous = context.previous_word()
        if not strong and (
            full in self.not_people
            or full in self.places
            or previous in PLACE_PREPOSITIONS | PLACE_NOUNS | ORGANISATION_NOUNS
            or previous == "the"  # "the Social Democrats": a person's name takes no article
            or context.within_name()  # "University of San Aurelio"
        ):
            return False
        return strong or bool(role) or self._weak_evidence(name, context)

    def _weak_evidence(self, name: list[str], context: _Context) -> bool:
        """Return True if a name with no title or role still reads as a person's.

        A given name we know, or Chinese initials, suffice. Speaking ("X said") does unless
        the trained parser reads the name as a company's; being described ("X, who ...",
        "X, 38,") does if the parser reads it as a person's.
        """
        initials = re.fullmatch(r"[A-Z]{2}|(?:[A-Z]\.)+", name[0]) and name[1] in CHINESE_SURNAMES
        if name[0] in GIVEN_NAMES or initials:
            return True
        if any(p.surname == name[-1] for p in self.people):  # "Ellie Hollins", a relative
            return True
        full = " ".join(name)
        if context.next_word() in SPEECH_VERBS or context.previous_word() == "said":
            return not looks_like_organisation(full)
        described = DESCRIBED.match(context.after) or AGE.match(context.after)
        return bool(described) and looks_like_person(full)

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
