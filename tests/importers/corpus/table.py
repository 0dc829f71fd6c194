"""The corpus of house-style stories and what the importer should find in each.

Read by the table-driven test (tests/importers/test_corpus.py) and by the scorer
(bench/ingest_corpus.py), so that both judge the importer against one table.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).parent
BYLINE_KEYS = {"authors": "author", "additional": "additional_reporting", "editors": "editor"}
# A news story this long must carry 3 to 8 suggested tags (the rule).
TAGGED_WORDS = 300
TAG_RANGE = (3, 8)


@dataclass
class Story:
    """One story of the corpus and its expected result."""

    file: str
    style: str
    headline: str
    dateline: str = ""
    source: str = ""
    standfirst: str = ""
    authors: list[str] = field(default_factory=list)
    additional: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)
    not_people: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    corrections: int = 0
    folder: Path = CORPUS

    @property
    def data(self) -> bytes:
        """Return the story's raw bytes, as an editor would paste them."""
        return (self.folder / self.file).read_bytes()

    @property
    def bylines(self) -> set[tuple[str, str]]:
        """Return the expected (name, role) bylines."""
        return {(name, role) for key, role in BYLINE_KEYS.items() for name in getattr(self, key)}

    @property
    def roles(self) -> dict[str, str]:
        """Return the people with a role phrase to find, and that phrase."""
        return {name: phrase for name, phrase in self.people.items() if phrase}


def load_stories(table: Path = CORPUS / "expected.toml") -> list[Story]:
    """Return every story of a table (the corpus's unless told), in order."""
    with table.open("rb") as rows:
        return [Story(**row, folder=table.parent) for row in tomllib.load(rows)["story"]]


@dataclass
class Observed:
    """What an import plan found in a story, in the terms of the table."""

    headline: str
    dateline: str
    source: str
    standfirst: str
    bylines: set[tuple[str, str]]
    subheadings: list[str]
    credits: list[str]
    people: dict[str, str]
    body: str
    words: int
    tags: list[str]
    corrections: int

    @classmethod
    def of(cls, plan) -> "Observed":
        """Read an `ImportPlan` (this branch's or an older one's) into the table's terms."""
        parsed = plan.parsed
        texts = [block.text for block in parsed.blocks]
        suggested = [*plan.tags, *getattr(plan, "new_tags", [])]
        return cls(
            headline=parsed.headline,
            dateline=parsed.dateline,
            source=parsed.source_name,
            standfirst=parsed.standfirst,
            bylines={(b.name, str(b.role)) for b in plan.bylines},
            subheadings=parsed.subheadings,
            credits=[figure.credit for figure in parsed.figures],
            people={p.found.name: p.found.role_phrase for p in plan.people},
            body="\n".join(texts),
            words=len(re.findall(r"\w+", " ".join(parsed.paragraphs))),
            tags=[tag.name for tag in suggested],
            corrections=len(getattr(parsed, "corrections", [])),
        )

    def has_role(self, name: str, phrase: str) -> bool:
        """Return True if `name` was found with a role phrase containing `phrase`."""
        return phrase.casefold() in self.people.get(name, "").casefold()

    def has_tag(self, name: str) -> bool:
        return name.casefold() in {tag.casefold() for tag in self.tags}

    def boilerplate_left(self, story: Story) -> list[str]:
        """Return the pieces of furniture still in the body."""
        return [piece for piece in story.boilerplate if piece in self.body]
