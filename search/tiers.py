"""The tiers a search walks: where in an article the reader's words were found.

Every match falls in the first tier whose fields hold all its wanted words, and an article
whose headline holds them comes before one whose standfirst does, before one whose body
alone does, whatever their ages. Each engine answers a tier from its own index, newest added
first, so a tier's newest matches cost the same in an archive of any size.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    name: str
    fields: tuple[str, ...]  # the index's fields the wanted words must be found in
    counted: str = ""  # the vocabulary's count of articles holding a word in those fields


HEADLINE = Tier("headline", ("headline",), "headlines")
TITLE = Tier("title", ("headline", "secondary"), "titles")
ANYWHERE = Tier("anywhere", ("headline", "secondary", "body"))
TIERS = (HEADLINE, TITLE, ANYWHERE)
