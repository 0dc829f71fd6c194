"""The organisations and places a story names: candidates for its tags.

A capitalised run that is neither a person the story names, nor a title, nor a word
that merely starts a sentence, is a name of something. It is an organisation when its last
word says so ("Bank", "Authority"), when it is an acronym, or when the trained parser reads
it as a company; a place when the gazetteer knows it, when the dateline gives it, or when
the story puts it after "in", "at" or "from".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .house_styles import HOUSE
from .names import looks_like_organisation
from .people import PARTICLE, TOKEN
from .places import place_names
from .words import (
    CORE_TITLES,
    NATIONALITIES,
    PLACE_PREPOSITIONS,
    SENTENCE_STARTERS,
    TITLE_QUALIFIERS,
    words_of,
)

# "Bank of Verania", "Department of Health and Social Care": an organisation word, then
# "of" and the rest of its name.
ORGANISATION_WORDS = words_of("""
Bank Fund Exchange Agency Authority Bureau Department Ministry Office Council Commission
Committee Corporation Corp Company Group Holdings Institute Institution University College
School Academy Association Society Foundation Trust Union Federation Alliance Network Board
Court Party League Club Organisation Organization Corps Service Services Capital Securities
Markets Research Partners Advisory Works Tramways Railway Railways Renewables Leisure Media
Echo Gazette Times Post News Press Congress Conference Parliament Assembly Senate Legislature
""")
# The words by which a story names an organisation again ("the bank said").
SHORT_FORM_HEADS = words_of("""
Bank Company Authority Agency Union Council Ministry Department University Association
Commission Committee Court Party Group Board Fund Exchange Institute Trust Railway Service
""")
COMPANY_ENDINGS = words_of("Corp Corp. Inc Inc. Ltd Ltd. Limited Co Co. Plc plc Bhd Bhd. LLC")
PLACE_WORDS = words_of("""
Street Road Avenue Square Island Islands River Lake Bay Valley County Prefecture Province
District City Town Village Harbour Harbor Coast Park Mountain Sea Ocean
""")
NEVER_TAGS = words_of("""
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December Mr Mrs Ms Dr Prof Photo Photograph
Read More Related Image Credit Updated Published Source Copyright Jan Feb Mar Apr Jun Jul Aug
Sep Sept Oct Nov Dec Celsius Fahrenheit Government State City Town
""")
NAME_RUN = re.compile(
    rf"(?<![\w'’-]){TOKEN}(?: (?:{PARTICLE} )?{TOKEN})*"
    rf"(?: (?:of|for|and) (?:the )?{TOKEN}(?: {TOKEN})*)?(?![\w-])"
)
ACRONYM_AFTER = re.compile(r"^\s*\((?P<acronym>[A-Z]{2,6})\)")


@dataclass
class Entity:
    """A name the story gives an organisation or place."""

    name: str
    kind: str  # "organisation", "place" or "topic" (a thing we cannot tell)
    aliases: tuple[str, ...] = ()


def find_entities(
    texts: Iterable[str], *, people: Iterable[str], dateline_places: Iterable[str] = ()
) -> list[Entity]:
    """Return the organisations and places named in `texts`, first named first."""
    person_words = {word for name in people for word in name.split()}
    places = {place.lower() for place in dateline_places}
    found: dict[str, Entity] = {}
    for text in texts:
        for match in NAME_RUN.finditer(text):
            name = _clean(match.group(), text[: match.start()], person_words)
            if not name or name in found:
                continue
            acronym = ACRONYM_AFTER.match(text[match.end() :])
            aliases = (acronym["acronym"],) if acronym else ()
            found[name] = Entity(name, _kind(name, text[: match.start()], places), aliases)
    return _with_short_forms(list(found.values()))


def _with_short_forms(entities: list[Entity]) -> list[Entity]:
    """Add "the bank" to the aliases of the story's only bank, and so on for each kind.

    A story names an organisation once in full and then by its kind ("the bank said"):
    those later mentions are of the one organisation of that kind it named.
    """
    taken = set()
    for entity in entities:
        head = _head(entity)
        if head and head not in taken:  # the first bank named is "the bank"
            taken.add(head)
            entity.aliases = (*entity.aliases, f"the {head.lower()}")
    return entities


def _head(entity: Entity) -> str:
    """Return the word saying what kind of organisation `entity` is ("Bank"), if any."""
    words = entity.name.split()
    head = words[0] if len(words) > 2 and words[1] in {"of", "for"} else words[-1]
    return head if entity.kind == "organisation" and head in SHORT_FORM_HEADS else ""


def _clean(run: str, before: str, person_words: set[str]) -> str:
    """Return the run as an entity's name, or "" if it is none."""
    words = run.split()
    if "of" not in words and "for" not in words and "and" not in words:
        words = [w for w in words if w not in COMPANY_ENDINGS] or words
    elif words[0] not in ORGANISATION_WORDS and not _joins_organisation(words):
        words = words[: words.index(next(w for w in words if w in {"of", "for", "and"}))]
    while words and (words[0] in SENTENCE_STARTERS or words[0] in CORE_TITLES):
        words = words[1:]
    if not words or any(word in person_words for word in words):
        return ""
    if all(w in TITLE_QUALIFIERS | CORE_TITLES | NATIONALITIES | NEVER_TAGS for w in words):
        return ""
    if len(words) == 1 and (
        (_starts_sentence(before) and not words[0].isupper())  # capitalised as a first word
        or words[0] in ORGANISATION_WORDS  # "Office", "Association": whose is not said
        or len(words[0]) <= 2  # "US", "HK$": too short to tell what it names
    ):
        return ""
    name = " ".join(words).rstrip(".")
    return "" if HOUSE.style_named(name) else name  # the agency is the source, not a subject


def _joins_organisation(words: list[str]) -> bool:
    """Return True if the word before the first "of"/"for" is an organisation's."""
    link = next(i for i, w in enumerate(words) if w in {"of", "for", "and"})
    return link > 0 and words[link - 1] in ORGANISATION_WORDS


def _starts_sentence(before: str) -> bool:
    stripped = before.rstrip()
    return not stripped or stripped.endswith((".", "!", "?", ":", "“", '"', "‘"))


def _kind(name: str, before: str, places: set[str]) -> str:
    """Return whether `name` is an organisation, a place, or a thing we cannot tell."""
    words = name.split()
    previous = before.split()[-1].lower() if before.split() else ""
    if name.lower() in places or name.lower() in place_names() or words[-1] in PLACE_WORDS:
        return "place"
    if words[-1] in ORGANISATION_WORDS or name.isupper() or words[0] in ORGANISATION_WORDS:
        return "organisation"
    if previous in PLACE_PREPOSITIONS:
        return "place"
    if len(words) > 1 and looks_like_organisation(name):
        return "organisation"
    return "topic"
