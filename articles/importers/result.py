"""The structure a recogniser finds in raw copy, before anything touches the database."""

from dataclasses import dataclass, field


class ImportRejected(ValueError):
    """Raised when the input cannot become an article; the message is shown to the editor."""


@dataclass
class Block:
    """One piece of the body in reading order: a paragraph, a sub-heading or a figure."""

    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    FIGURE = "figure"

    kind: str
    text: str
    credit: str = ""


@dataclass
class FoundPerson:
    """A person the story names, with every form of the name it uses."""

    name: str
    surname: str
    role_phrase: str = ""
    count: int = 0
    variants: list[str] = field(default_factory=list)


@dataclass
class ParsedArticle:
    """Everything recognised in one piece of copy."""

    headline: str
    kicker: str = ""
    standfirst: str = ""
    dateline: str = ""
    authors: list[str] = field(default_factory=list)
    additional_reporting: list[str] = field(default_factory=list)
    other_bylines: list[tuple[str, str]] = field(default_factory=list)  # (name, byline role)
    blocks: list[Block] = field(default_factory=list)
    body_html: str = ""
    people: list[FoundPerson] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    related_section: str = ""
    related_headlines: list[str] = field(default_factory=list)
    copyright_line: str = ""
    source_name: str = ""
    source_url: str = ""
    dropped: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)  # correction notes, kept apart

    @property
    def subheadings(self) -> list[str]:
        """Return the sub-headings in order."""
        return [block.text for block in self.blocks if block.kind == Block.SUBHEADING]

    @property
    def figures(self) -> list[Block]:
        """Return the figures in order."""
        return [block for block in self.blocks if block.kind == Block.FIGURE]

    @property
    def paragraphs(self) -> list[str]:
        """Return the body paragraphs in order."""
        return [block.text for block in self.blocks if block.kind == Block.PARAGRAPH]

    def searchable_texts(self) -> list[str]:
        """Return the headline and body texts in reading order, for people and tags."""
        return [self.headline, *(block.text for block in self.blocks)]
