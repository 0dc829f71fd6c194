"""What an export holds, as plain records, whichever system wrote it."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SourceAuthor:
    key: str  # the login, user id or guest author's slug: stable across re-runs
    name: str
    email: str = ""
    bio: str = ""


@dataclass
class SourceCategory:
    key: str  # the slug
    name: str
    parent: str = ""  # the parent's key
    description: str = ""


@dataclass
class SourceTag:
    key: str
    name: str


@dataclass
class SourcePicture:
    """A picture an export refers to: a local file when one was given, else only its address."""

    url: str
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class SourcePost:
    key: str  # the GUID (WordPress) or UUID (Ghost): what a re-run matches on
    kind: str  # "post" or "page"
    title: str
    slug: str
    status: str  # published, scheduled, draft, review, private
    body_html: str
    excerpt: str = ""
    published_at: datetime | None = None
    authors: list[str] = field(default_factory=list)  # author keys, in byline order
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    featured: SourcePicture | None = None
    seo_title: str = ""
    seo_description: str = ""
    old_paths: list[str] = field(default_factory=list)  # every address it answered at
    comments: int = 0
    problems: list[str] = field(default_factory=list)  # what its body could not carry over
