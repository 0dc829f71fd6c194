"""The kinds of event partners may subscribe to, each registered with its payload builder.

The articles' kinds are registered by webhooks' own AppConfig.ready() (webhooks/apps.py);
another app adds its own with one call from its ready(), for example live coverage:

    register_kind("live.entry_posted", "Live entry posted", build=live_entry_data)

A builder takes the outbox event's payload (which names the article as "article") and the
endpoint's payload format, and returns the message's "data", or None when there is nothing
a partner may see (the event is then not sent).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from events import registry

from .enqueue import any_active_endpoint, enqueue

# Given the event's payload and the payload format ("ninjs" or "article").
Builder = Callable[[dict, str], dict | None]
EFFECT = "webhooks"


@dataclass(frozen=True)
class Kind:
    """A subscribable kind: its name, label, builder and the outbox kinds that are it."""

    name: str
    label: str
    build: Builder
    recorded_as: frozenset[str]


_kinds: dict[str, Kind] = {}


def register_kind(
    name: str, label: str, *, build: Builder, recorded_as: Iterable[str] | None = None
) -> None:
    """Let endpoints subscribe to `name`; sent for outbox events of `recorded_as` (default: name).

    Re-registers the webhooks effect so that it takes every outbox kind registered so far.
    """
    _kinds[name] = Kind(name, label, build, frozenset(recorded_as or [name]))
    _register_effect()


def unregister_kind(name: str) -> None:
    """Stop offering `name` (for a feature switched off)."""
    _kinds.pop(name, None)
    _register_effect()


def _register_effect() -> None:
    """Register the webhooks effect for every outbox kind some subscribable kind is."""
    registry.register(
        EFFECT, make_deliveries, kinds=outbox_kinds(), at_commit=False, wanted=any_active_endpoint
    )


def make_deliveries(events) -> None:
    """The effect: deliveries for the events, sent as the kinds registered now."""
    enqueue(events, kinds_of)


def subscribable() -> list[Kind]:
    """Return the kinds endpoints may subscribe to, in the order registered."""
    return list(_kinds.values())


def choices() -> list[tuple[str, str]]:
    return [(kind.name, kind.label) for kind in _kinds.values()]


def outbox_kinds() -> set[str]:
    return {recorded for kind in _kinds.values() for recorded in kind.recorded_as}


def kinds_of(outbox_kind: str) -> list[Kind]:
    """Return the subscribable kinds an outbox event of `outbox_kind` is sent as."""
    return [kind for kind in _kinds.values() if outbox_kind in kind.recorded_as]


def get(name: str) -> Kind | None:
    return _kinds.get(name)
