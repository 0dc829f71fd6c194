"""Pages of a list that cost no COUNT: a reader gets "Newer" and "Older" links, not a total."""

from dataclasses import dataclass

from django.http import Http404

# The largest row offset the databases take (a signed 64-bit integer): a page whose rows
# would start beyond it is past the end like any other, not a database error.
LAST_OFFSET = 2**63 - 1


@dataclass
class LeanPage:
    """One page of a list, read as one more row than it shows to learn if another follows."""

    object_list: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(value: str | None) -> int:
    """Return the page asked for: 1 when absent; 404 when not a whole number from 1."""
    if value is None or value == "":
        return 1
    if not value.isdecimal() or int(value) < 1:
        raise Http404("No such page.")
    return int(value)


def lean_page(queryset, value: str | None, size: int) -> LeanPage:
    """Return the page `value` of `queryset`; a page past the end is a 404, not the last again."""
    number = page_number(value)
    start = (number - 1) * size
    if start + size + 1 > LAST_OFFSET:
        raise Http404("No such page.")
    rows = list(queryset[start : start + size + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return LeanPage(object_list=rows[:size], number=number, has_next=len(rows) > size)
