"""Collect, while a response is rendered, the tags of what it shows."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_shown: ContextVar[set[str] | None] = ContextVar("pagecache_shown", default=None)
# When the outermost collection began (a page's rendering): a part kept while it renders
# must count its tags' changes from then, as the page will.
_began_ns: ContextVar[int | None] = ContextVar("pagecache_began_ns", default=None)


def record(*tags: str) -> None:
    """Note that the response being rendered shows these tags; a no-op outside one."""
    shown = _shown.get()
    if shown is not None:
        shown.update(tags)


def began_ns() -> int:
    """Return when the outermost collection began, or now outside one."""
    return _began_ns.get() or time.time_ns()


@contextmanager
def collecting(began: int | None = None) -> Iterator[set[str]]:
    """Collect the tags recorded while the block runs into the set it yields.

    `began`: when the work whose tags these are began (default: now).
    """
    shown: set[str] = set()
    token = _shown.set(shown)
    began_token = _began_ns.set(_began_ns.get() or began or time.time_ns())
    try:
        yield shown
    finally:
        _began_ns.reset(began_token)
        _shown.reset(token)
