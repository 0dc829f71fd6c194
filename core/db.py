"""Which database a read goes to: the replica by default, the primary while it must be fresh."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_primary: ContextVar[bool] = ContextVar("read_from_primary", default=False)


@contextmanager
def on_primary() -> Iterator[None]:
    """Send the block's reads to the primary: work done at commit must see the commit."""
    token = _primary.set(True)
    try:
        yield
    finally:
        _primary.reset(token)


def reading_from_primary() -> bool:
    """Return True inside `on_primary()`."""
    return _primary.get()
