"""Find the tags of an existing vocabulary (names and aliases) in a story's text."""

import re
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

# At most this many tags are suggested for a story: a few precise topics serve readers
# (and topic pages) better than every term the vocabulary happens to contain.
MAX_SUGGESTED = 8
HEADLINE_WEIGHT = 5
LEAD_WEIGHT = 2  # named in the first paragraph
ORGANISATION_WEIGHT = 3  # the organisation a person in the story speaks for
DATELINE_WEIGHT = 3  # the place the story is filed from
# A tag named once, deep in the story, and nowhere else is not what the story is about.
MIN_SCORE = 2
# A tag the story proposes that the vocabulary lacks needs a little more: it will be new.
NEW_TAG_SCORE = 3
# A news story is about at least this many things; weaker proposals fill up to it.
MIN_SUGGESTED = 3


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


class TagMatcher:
    """Match every term of a vocabulary in text on word boundaries.

    All-capital terms ("US", "UK", "AI") match only in capitals, so "us" and "ai" in ordinary
    words and sentences never count; every other term matches in any case.
    """

    def __init__(self, vocabulary: Mapping[str, Iterable[str]]):
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for key, terms in vocabulary.items():
            for term in filter(None, (_normalise(t.strip()) for t in terms)):
                if term.isupper():
                    self.exact.setdefault(term, key)
                else:
                    self.folded.setdefault(term.lower(), key)
        self.exact_pattern = self._compile(self.exact, 0)
        self.folded_pattern = self._compile(self.folded, re.IGNORECASE)

    @staticmethod
    def _compile(terms: Mapping[str, str], flags: int) -> re.Pattern | None:
        if not terms:
            return None
        # Longest first, so "Hong Kong Stock Exchange" wins over "Hong Kong".
        alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)

    def tag_keys(self) -> set[Hashable]:
        """Return the keys of every term."""
        return {*self.exact.values(), *self.folded.values()}

    def match(self, texts: Iterable[str]) -> list[str]:
        """Return the keys of the tags found in `texts`, in order of first occurrence."""
        return list(self.count(texts))

    def count(self, texts: Iterable[str]) -> Counter:
        """Return how many times each tag is named in `texts`, in order of first occurrence."""
        found: Counter = Counter()
        for text in map(_normalise, texts):
            hits = []
            if self.exact_pattern:
                matches = self.exact_pattern.finditer(text)
                hits += [(m.start(), self.exact[m.group()]) for m in matches]
            if self.folded_pattern:
                hits += [
                    (m.start(), self.folded[m.group().lower()])
                    for m in self.folded_pattern.finditer(text)
                ]
            found.update(key for _, key in sorted(hits))
        return found


class MaskedMatcher(TagMatcher):
    """A matcher that ignores its terms inside given names ("port" in "Port Avalon")."""

    def __init__(self, matcher: TagMatcher, names: Iterable[str]):
        self.__dict__.update(matcher.__dict__)
        names = sorted({name for name in names if name}, key=len, reverse=True)
        alternatives = "|".join(re.escape(name) for name in names)
        self.mask = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if names else None

    def count(self, texts: Iterable[str]) -> Counter:
        """Count terms as TagMatcher does, outside the masked names."""
        if self.mask is None:
            return super().count(texts)
        return super().count(self.mask.sub(" ", text) for text in texts)


@dataclass
class TagSuggestion:
    """A tag the story suggests, with how strongly and why, in words an editor reads."""

    key: Hashable
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def suggest_tags(
    matcher: TagMatcher,
    *,
    headline: str,
    lead: str,
    body: list[str],
    roles: Mapping[str, str],
    organisations: Collection[Hashable],
    proposals: Iterable[TagMatcher] = (),
    dateline: str = "",
) -> list[TagSuggestion]:
    """Return at most MAX_SUGGESTED tags, strongest first, each with its reasons.

    `matcher` holds the newsroom's vocabulary; each of `proposals` holds tags the story
    itself suggests (its topics, organisations and places), keyed by tuples, which need
    NEW_TAG_SCORE unless fewer than MIN_SUGGESTED tags would be left. `roles` maps a
    person's name to the role phrase the story gives them: a tag among the `organisations`
    named there is the organisation that person speaks for.
    """
    suggestions: dict[Hashable, TagSuggestion] = {}

    def add(key: Hashable, weight: int, reason: str) -> None:
        suggestion = suggestions.setdefault(key, TagSuggestion(key))
        suggestion.score += weight
        suggestion.reasons.append(reason)

    for each in (matcher, *proposals):
        _score(each, add, headline=headline, lead=lead, body=body, dateline=dateline)
    speakers: dict[Hashable, list[str]] = {}
    for person, phrase in roles.items():
        for each in (matcher, *proposals):
            for key in each.match([phrase]):
                if key in organisations:
                    speakers.setdefault(key, []).append(person)
    for key, people in speakers.items():
        others = f" and {len(people) - 1} more" if len(people) > 1 else ""
        add(key, ORGANISATION_WEIGHT, f"{people[0]}’s organisation{others}")
    # The vocabulary's tags first (an editor chose those words), then the story's proposals.
    ranked = sorted(suggestions.values(), key=lambda s: (_proposed(s.key), -s.score))
    chosen = [s for s in ranked if s.score >= _least(s.key)]
    if len(chosen) < MIN_SUGGESTED:
        weaker = [s for s in ranked if MIN_SCORE <= s.score < _least(s.key)]
        chosen = sorted(chosen + weaker[: MIN_SUGGESTED - len(chosen)], key=lambda s: -s.score)
    return chosen[:MAX_SUGGESTED]


def _proposed(key: Hashable) -> bool:
    """Return True if the story proposes this tag; the vocabulary's keys are not tuples."""
    return isinstance(key, tuple)


def _least(key: Hashable) -> int:
    """Return the score a suggestion needs: more for a tag the vocabulary lacks."""
    return NEW_TAG_SCORE if _proposed(key) else MIN_SCORE


def _score(matcher: TagMatcher, add, *, headline: str, lead: str, body, dateline: str) -> None:
    """Add the weight of every term of `matcher` by where the story names it."""
    for key in matcher.match([dateline]) if dateline else []:
        add(key, DATELINE_WEIGHT, "the dateline")
    for key in matcher.match([headline]):
        add(key, HEADLINE_WEIGHT, "in the headline")
    for key in matcher.match([lead]):
        add(key, LEAD_WEIGHT, "in the first paragraph")
    for key, times in matcher.count(body).items():
        add(key, times, f"mentioned {times} time{'s' if times > 1 else ''}")
