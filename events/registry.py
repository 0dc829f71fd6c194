"""The effects of events: registered by the apps that own them, run by the dispatcher.

An app registers a handler for the kinds of event it reacts to (the page cache bumps tags,
search re-indexes, later webhooks enqueue deliveries) from its AppConfig.ready(); the
dispatcher (events/dispatch.py) never names one. A handler must be idempotent: it may run
again after a failure or a worker killed halfway.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import OutboxEvent

# Given the events of one batch, in the order they were recorded.
Handler = Callable[[list[OutboxEvent]], None]


@dataclass(frozen=True)
class Effect:
    """A named handler, the event kinds it takes (None: every kind), and when it runs."""

    name: str
    handler: Handler
    kinds: frozenset[str] | None
    # At commit, in the process that wrote (a cache bump: fast, and the next request needs
    # it), else only by the worker (slow work, such as calling another server).
    at_commit: bool
    # Asked at dispatch: False leaves the effect out (a CDN purge with no CDN configured).
    wanted: Callable[[], bool] | None = None

    def takes(self, kind: str) -> bool:
        """Return True if this effect reacts to events of `kind` and is wanted now."""
        return (self.kinds is None or kind in self.kinds) and (self.wanted is None or self.wanted())


_effects: dict[str, Effect] = {}
# Jobs the worker runs on a clock (the go-live sweep), by name: (function, seconds apart).
_periodic: dict[str, tuple[Callable[[], object], float]] = {}


def register(
    name: str,
    handler: Handler,
    *,
    kinds: Iterable[str] | None = None,
    at_commit: bool = False,
    wanted: Callable[[], bool] | None = None,
) -> None:
    """Run `handler` for every event of `kinds`; registering a name again replaces it.

    `wanted`, if given, is asked at each dispatch whether the effect applies at all.
    """
    chosen = None if kinds is None else frozenset(kinds)
    _effects[name] = Effect(name, handler, chosen, at_commit, wanted)


def all_effects() -> list[Effect]:
    """Return every registered effect, in the order they were registered."""
    return list(_effects.values())


def register_periodic(name: str, job: Callable[[], object], *, seconds: float) -> None:
    """Have the worker run `job` every `seconds` (it must be safe to run twice at once)."""
    _periodic[name] = (job, seconds)


def periodic_jobs() -> dict[str, tuple[Callable[[], object], float]]:
    """Return the jobs the worker runs on a clock."""
    return dict(_periodic)


def unregister(name: str) -> None:
    """Stop running the effect registered as `name` (for a feature switched off)."""
    _effects.pop(name, None)
