"""Find the tags of an existing vocabulary (names and aliases) in a story's text."""

import re
from collections.abc import Iterable, Mapping


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

    def match(self, texts: Iterable[str]) -> list[str]:
        """Return the keys of the tags found in `texts`, in order of first occurrence."""
        found: dict[str, None] = {}
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
            found.update((key, None) for _, key in sorted(hits))
        return list(found)
