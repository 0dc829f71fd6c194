"""Who an article credits, by its bylines' roles: pages, feeds and structured data read it."""

from dataclasses import dataclass, field

from .models import Article, Byline


@dataclass(frozen=True)
class Credits:
    """The authors, the additional reporters and, when no author is named, the agency."""

    authors: list = field(default_factory=list)
    reporters: list = field(default_factory=list)
    agency: str = ""

    def author_line(self) -> str:
        """Return the authors' names, else the agency's, else ""."""
        return joined([person.full_name for person in self.authors]) or self.agency

    def byline(self) -> str:
        """Return the credits as one line: "A and B; additional reporting by C"."""
        reporters = joined([person.full_name for person in self.reporters])
        extra = f"additional reporting by {reporters}" if reporters else ""
        return "; ".join(part for part in (self.author_line(), extra) if part)


def credits_of(article: Article) -> Credits:
    """Return the credits of an article whose bylines' people are prefetched."""
    bylines = article.bylines.all()
    authors = [b.person for b in bylines if b.role == Byline.Role.AUTHOR]
    reporters = [b.person for b in bylines if b.role == Byline.Role.ADDITIONAL_REPORTING]
    # Agency or syndicated copy with no named writer is the agency's work, not the house's.
    agency = "" if authors else article.source_name
    return Credits(authors=authors, reporters=reporters, agency=agency)


def joined(names: list[str]) -> str:
    """Return names as a sentence lists them: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
