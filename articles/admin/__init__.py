"""The editors' admin: articles (with their workflow, desk and import pages), sections, tags."""

from . import articles, sections, tags

__all__ = ["articles", "sections", "tags"]
