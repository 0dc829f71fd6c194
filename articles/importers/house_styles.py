"""The house styles of the agencies and papers whose copy newsrooms paste, as a table.

Each row says how one agency or paper writes its name, its pictures' credits and the lines
it puts round a story. `plaintext.py` reads every row through `HOUSE`, one recogniser for
all of them: to teach the importer a new style, add a row here and a story in that style
to tests/importers/corpus/ with its expected result in expected.toml.

Patterns are regular expressions matched against one whole line (or, for credits, the end
of a caption line). A credit pattern names the photographer in `name` and may name the
agency in `agency`; when it names none, the row's `credit` is used.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from .names import proper_case


@dataclass(frozen=True)
class HouseStyle:
    """The conventions of one agency or paper."""

    name: str  # as recorded as the article's source ("Associated Press")
    names: tuple[str, ...]  # how the copy writes it: datelines, agency lines, credits
    credit: str = ""  # how a picture credit names it ("AP"); "" for the name itself
    photo_credits: tuple[str, ...] = ()  # the end of a caption line that credits a picture
    closing: tuple[str, ...] = ()  # lines of its own furniture: dropped, and they name it
    # Words of its writers' titles after a byline ("PA Health Correspondent").
    byline_titles: tuple[str, ...] = ()

    @property
    def credit_name(self) -> str:
        return self.credit or self.name


# Photo credits that name the photographer and the agency together ("Peter Byrne/PA").
NAME_SLASH_AGENCY = r"\((?P<name>[A-Z][\w.'’ -]{2,40})/(?P<agency>[A-Z][\w.&'’ -]{1,40})\)"

STYLES = (
    HouseStyle(
        name="Associated Press",
        names=("The Associated Press", "Associated Press", "AP"),
        credit="AP",
        photo_credits=(r"\(AP Photo/(?P<name>[^()]{2,60})\)",),
        closing=(r"Copyright \d{4} The Associated Press\b.*",),
    ),
    HouseStyle(
        name="Reuters",
        names=("Reuters", "Thomson Reuters"),
        photo_credits=(r"REUTERS/(?P<name>[A-Z][\w.'’ /-]{2,40}?)",),
        closing=(r"Our Standards: The Thomson Reuters Trust Principles\.?",),
    ),
    HouseStyle(
        name="Agence France-Presse",
        names=("Agence France-Presse", "AFP"),
        credit="AFP",
        photo_credits=(
            r"\(Photo by (?P<name>[^()/]{2,60}?) ?/ ?AFP\)",
            r"-+ AFP ?/ ?(?P<name>[A-Z][\w.'’ -]{2,40})",
        ),
        # The desk's initials that close AFP copy ("bur-jmo/ach", "str/dm/js").
        closing=(r"© Agence France-Presse", r"(?:[a-z]{2,4}-)?[a-z]{2,4}(?:/[a-z]{2,4}){1,4}"),
    ),
    HouseStyle(
        name="Bloomberg",
        names=("Bloomberg", "Bloomberg News"),
        closing=(r"©\s?\d{4} Bloomberg L\.P\.?", r"Read More: .{5,200}"),
    ),
    HouseStyle(
        name="Xinhua",
        names=("Xinhua",),
        photo_credits=(
            r"\(Xinhua/(?P<name>[^()]{2,40})\)",
            r"\(Photo by (?P<name>[^()/]{2,40})/Xinhua\)",
        ),
        closing=(r"Enditem\.?",),
    ),
    HouseStyle(
        name="Bernama",
        names=("Bernama", "BERNAMA"),
        photo_credits=(r"-+ ?fotoBERNAMA(?: \(\d{4}\))?(?: COPYRIGHTS? RESERVED)?",),
        closing=(r"-+ ?BERNAMA",),
    ),
    HouseStyle(
        name="Kyodo News",
        names=("Kyodo", "Kyodo News"),
        credit="Kyodo",
        photo_credits=(r"\(Kyodo\)",),
        closing=(r"==Kyodo",),
    ),
    HouseStyle(
        name="dpa",
        names=("dpa", "Deutsche Presse-Agentur"),
        photo_credits=(r"Photo: (?P<name>[A-Z][\w.'’ -]{2,40})/dpa",),
        closing=(r"© dpa-infocom.*",),
    ),
    HouseStyle(
        name="PA Media",
        names=("PA Media", "PA", "PA news agency", "Press Association"),
        credit="PA",
        photo_credits=(r"\((?P<name>[A-Z][\w.'’ -]{2,40})/PA(?: Wire)?\)",),
        byline_titles=("PA",),
    ),
    HouseStyle(
        name="South China Morning Post",
        names=("South China Morning Post", "SCMP"),
        closing=(
            r"This article originally appeared on the South China Morning Post.*",
            r"Copyright \(c\) \d{4}\.? South China Morning Post.*",
        ),
    ),
    HouseStyle(
        name="The Straits Times",
        names=("The Straits Times", "Straits Times", "ST"),
        photo_credits=(
            r"ST PHOTO: (?P<name>[A-Z][A-Z.'’ -]{2,40})",
            r"PHOTO: (?P<agency>[A-Z][\w.&'’ /-]{1,40})",
        ),
        closing=(r"Source: The Straits Times\b.*", r"Join ST'?’?s WhatsApp Channel.*"),
    ),
    HouseStyle(
        name="The Guardian",
        names=("The Guardian", "Guardian"),
        photo_credits=(r"Photograph: (?P<agency>[A-Z][\w.&'’ /-]{1,60})",),
    ),
    # A generic web story: "Photo:" and "Credit:" lines, a "Published:" date, share buttons.
    HouseStyle(
        name="",
        names=(),
        photo_credits=(r"Credit: (?P<agency>[A-Z][\w.&'’ /-]{1,60})", NAME_SLASH_AGENCY),
        closing=(
            r"(?:Published|Updated|Posted|Last updated):? .{3,60}",
            r"Share this (?:story|article)",
            r"Related: .{5,200}",
        ),
    ),
)

# Lines that only separate parts of a story: "___", "---", "* * *", "###", "-30-".
SEPARATOR = re.compile(r"^(?:[_*#=~-]\s*){3,}$|^-30-$")
# A note that the story was corrected: kept apart from the body for the editor.
CORRECTION = re.compile(
    r"^(?:[•*]\s*)?(?:Correction\b.{0,40}:|Clarification\b.{0,40}:|This (?:article|story) "
    r"(?:was|has been) (?:amended|corrected|updated)\b|An earlier version of this)",
    re.IGNORECASE,
)
# The words that end a writer's title after a byline ("Senior Transport Correspondent").
WRITER_TITLES = (
    "correspondent", "reporter", "writer", "editor", "columnist", "critic", "journalist",
    "staff", "contributor", "producer", "photographer",
)  # fmt: skip
DASHES = "-–—―"
# An agency's mark that a picture is from its archive ("Name, File", "Name/File Photo").
FILE_PHOTO = re.compile(
    r"\s*[,/]\s*File(?: Photo)?$", re.IGNORECASE
)  # hyphen-minus, en, em and horizontal bar; "--" counts as one


class Recogniser:
    """The table compiled: every row's names, credits and furniture at once."""

    def __init__(self, styles: tuple[HouseStyle, ...]):
        self.styles = styles

    @cached_property
    def agency_names(self) -> dict[str, HouseStyle]:
        """Return each way of writing an agency's name (lower case), with its row."""
        return {name.lower(): style for style in self.styles for name in style.names}

    @cached_property
    def agency_pattern(self) -> str:
        """Return an alternation of every agency name, longest first."""
        names = sorted({n for s in self.styles for n in s.names}, key=len, reverse=True)
        return "|".join(re.escape(name) for name in names)

    @cached_property
    def credits(self) -> list[tuple[re.Pattern, HouseStyle]]:
        """Return each row's credit patterns, anchored at the end of a caption line."""
        return [
            (re.compile(rf"(?:^|(?<=[\s.!?”\"]))(?:{pattern})\.?$"), style)
            for style in self.styles
            for pattern in style.photo_credits
        ]

    @cached_property
    def closings(self) -> list[tuple[re.Pattern, HouseStyle]]:
        return [
            (re.compile(rf"^(?:{pattern})$"), style)
            for style in self.styles
            for pattern in style.closing
        ]

    def style_named(self, text: str) -> HouseStyle | None:
        """Return the row of the agency `text` names exactly, if any ("AP", "Reuters")."""
        return self.agency_names.get(text.strip().lower())

    def source_of(self, text: str) -> str:
        """Return the source an agency name stands for ("AP" is the Associated Press)."""
        style = self.style_named(text)
        return style.name if style and style.name else text.strip()

    def closing(self, line: str) -> HouseStyle | None:
        """Return the row whose furniture `line` is, if any."""
        return next((style for pattern, style in self.closings if pattern.match(line)), None)

    def photo_credit(self, line: str) -> tuple[str, str] | None:
        """Return (caption, credit) if `line` ends with a picture credit of some row."""
        for pattern, style in self.credits:
            if match := pattern.search(line):
                caption = line[: match.start()].strip().rstrip("-–—").strip()
                groups = match.groupdict()
                return caption, _credit(groups.get("name"), groups.get("agency"), style)
        return None


def _credit(name: str | None, agency: str | None, style: HouseStyle) -> str:
    """Return a credit as "Name/Agency", the photographer's name in proper case."""
    agency = (agency or "").strip() or style.credit_name
    name = FILE_PHOTO.sub("", name or "")
    if not name:
        return proper_case(agency) if agency.isupper() and len(agency) > 4 else agency
    name = proper_case(name.strip())
    if "/" in name or not agency:
        return name
    return f"{name}/{agency}"


HOUSE = Recogniser(STYLES)
