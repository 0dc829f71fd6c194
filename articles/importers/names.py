"""Personal names by the libraries that know them: nameparser for their parts and case,
probablepeople (a trained model it ships) for telling a person from an organisation."""

import re
from functools import lru_cache

import probablepeople
from nameparser import HumanName
from nameparser.config import CONSTANTS

# nameparser's suffixes that follow a name in English copy ("Jr.", "III"); its list also
# holds degrees and words of other languages that never end a name in ours.
SUFFIXES = frozenset({"jr", "sr", "jnr", "snr", "ii", "iii", "iv", "esq"})
# Lower-case particles inside a name ("von", "bin"), from nameparser's prefixes.
# Left out: English words, and prefixes never written in lower case in our copy.
NOT_PARTICLES = {
    "san", "santa", "st", "ste", "la", "las", "los", "le", "et", "do", "op", "te", "bar", "bat",
    "den", "dem", "het", "heer", "vel", "mac", "mc", "aan", "auf", "av", "af", "ua", "tho",
    "thoe", "ter", "ó", "ní", "dí",
}  # fmt: skip
PARTICLES = (
    frozenset(p for p in CONSTANTS.prefixes if p.isalpha() and p.islower() and len(p) <= 5)
    - NOT_PARTICLES
)
# Abbreviated ranks written with a full stop before a name ("Lt. Col.", "Sen."): those of
# nameparser's titles short enough to be abbreviations, and a few of police, army and
# parliaments that it lacks.
ABBREVIATED_TITLES = frozenset(t for t in CONSTANTS.titles if len(t) <= 5) | {
    "supt", "insp", "sen", "det", "brig", "cmdr", "lieut",
}  # fmt: skip
SHOUTED = re.compile(r"\b[A-Z][A-Z'’-]{2,}\b")


def is_suffix(token: str) -> bool:
    """Return True if `token` is a suffix that ends a name ("Jr.")."""
    return token.rstrip(".,").lower() in SUFFIXES


def is_abbreviated_title(token: str) -> bool:
    """Return True if `token` is a rank or title written short with a stop ("Col.")."""
    return token.endswith(".") and token.rstrip(".").lower() in ABBREVIATED_TITLES


def proper_case(name: str) -> str:
    """Return a name written in capitals ("MARIA J. OKAFOR") in proper case; else as it is."""
    if not SHOUTED.search(name):
        return name
    parsed = HumanName(name)
    parsed.capitalize(force=True)
    return " ".join(
        part for part in (parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix)
        if part
    )  # fmt: skip


@lru_cache(maxsize=4096)
def parsed_kind(name: str) -> str:
    """Return what the trained parser reads `name` as: "Person", "Corporation" or ""."""
    try:
        return probablepeople.tag(name)[1]
    except probablepeople.RepeatedLabelError:  # a string it cannot label consistently
        return ""


def looks_like_organisation(name: str) -> bool:
    """Return True if the trained parser reads `name` as a company or body, not a person."""
    return parsed_kind(name) == "Corporation"


def looks_like_person(name: str) -> bool:
    """Return True if the trained parser reads `name` as a person."""
    return parsed_kind(name) == "Person"
