"""The tags a story proposes by itself: its topics, and the organisations and places it names.

They are offered beside the newsroom's vocabulary, so that a story carries tags even when
the vocabulary knows none of its subjects; a tag of the vocabulary with the same name or
alias always stands in for the story's own proposal.
"""

import re
from collections.abc import Collection, Iterable

from .entities import Entity, find_entities
from .house_styles import HOUSE
from .result import ParsedArticle
from .tags import MaskedMatcher, TagMatcher
from .topics import topic_matcher

# A headline in title case ("Oil Falls as Stockpiles Swell") capitalises every word: its
# capitals name nothing, so names are taken from the body alone.
TITLE_CASE_SHARE = 0.6


def proposals(
    parsed: ParsedArticle, *, people: Iterable[str], known_terms: Collection[str]
) -> list[TagMatcher]:
    """Return matchers of the topics and of the names this story proposes as tags.

    Keys are ("topic", name) for a topic and ("new", name, kind) for a name; `known_terms`
    (the vocabulary's names and aliases, lower case) are left to the vocabulary.
    """
    known = {term.lower() for term in known_terms}
    topics = topic_matcher()
    if known & {key[1].lower() for key in topics.tag_keys()}:
        topics = _without(topics, known)
    entities = story_entities(parsed, people)
    # A topic's word inside a name is no sign of the topic: "Port Avalon" is no port story.
    topics = MaskedMatcher(topics, [e.name for e in entities if len(e.name.split()) > 1])
    entities = [e for e in entities if e.name.lower() not in known]
    named = TagMatcher({("new", e.name, e.kind): [e.name, *e.aliases] for e in entities})
    return [topics, named]


def story_entities(parsed: ParsedArticle, people: Iterable[str]) -> list[Entity]:
    """Return the organisations and places of the story, with its dateline's places first."""
    places = dateline_places(parsed.dateline)
    texts = [block.text for block in parsed.blocks]
    if not _title_case(parsed.headline):
        texts.insert(0, parsed.headline)
    found = find_entities(texts, people=people, dateline_places=places)
    named = {entity.name for entity in found}
    return [*(Entity(place, "place") for place in places if place not in named), *found]


def dateline_places(dateline: str) -> list[str]:
    """Return the places a dateline names ("NORDHAVN, Norvalia, May 12 (Reuters)")."""
    text = re.sub(r"\([^)]*\)", "", dateline)
    places = []
    for part in (part.strip() for part in text.split(",")):
        part = re.sub(rf"\s+(?:{HOUSE.agency_pattern})$", "", part)
        if not part or re.search(r"\d|\.$", part) or HOUSE.style_named(part):
            continue
        places.append(part.title() if part.isupper() else part)
    return places


def _title_case(headline: str) -> bool:
    words = [word for word in headline.split() if word[:1].isalpha()]
    capitals = sum(word[0].isupper() for word in words)
    return len(words) > 3 and capitals / len(words) >= TITLE_CASE_SHARE


def _without(matcher: TagMatcher, known: set[str]) -> TagMatcher:
    """Return `matcher` without the topics the vocabulary already has by name."""
    vocabulary: dict = {}
    for term, key in [*matcher.exact.items(), *matcher.folded.items()]:
        if key[1].lower() not in known:
            vocabulary.setdefault(key, []).append(term)
    return TagMatcher(vocabulary)
