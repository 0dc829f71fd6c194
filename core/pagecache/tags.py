"""Collect, while a response is rendered, the tags of what it shows."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_shown: ContextVar[set[str] | None] = ContextVar("pagecache_shown", default=None)


def record(*tags: str) -> None:
    """Note that the response being rendered shows these tags; a no-op outside one."""
    shown = _shown.get()
    if shown is not None:
        shown.update(tags)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect the tags recorded while the block runs into the set it yields."""
    shown: set[str] = set()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)
