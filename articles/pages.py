"""Kinds of article page that apps above articles show in their own way (live coverage).

An app registers a kind from its AppConfig.ready(): a name, a function returning an
expression that is true for the articles of that kind (annotated onto the article page's one
query, so an ordinary article costs nothing more) and the view that shows them. The article
page never names an app above it, as the events dispatcher never names an effect.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression
from django.http import HttpResponse


@dataclass(frozen=True)
class PageKind:
    name: str
    marks: Callable[[], Expression]
    view: Callable[..., HttpResponse]

    @property
    def attribute(self) -> str:
        return f"is_{self.name}_page"


_kinds: dict[str, PageKind] = {}


def register(name: str, marks: Callable[[], Expression], view: Callable[..., HttpResponse]):
    """Show the articles `marks()` holds true for with `view(request, article)`."""
    _kinds[name] = PageKind(name, marks, view)


def annotations() -> dict[str, Expression]:
    """Return the annotations telling each registered kind's articles apart."""
    return {kind.attribute: kind.marks() for kind in _kinds.values()}


def view_for(article) -> Callable[..., HttpResponse] | None:
    """Return the view of the kind `article` (annotated) is of, or None for an ordinary one."""
    return next(
        (kind.view for kind in _kinds.values() if getattr(article, kind.attribute, False)), None
    )
