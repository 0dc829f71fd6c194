"""Record events in the transaction of the change; their effects run once it commits.

`record()` writes one outbox row on the connection of the change. When that transaction
commits, the effects registered to run at commit (events/registry.py) are tried at once in
this process, and the worker (manage.py worker) runs the others and retries any that failed,
so a change is never lost to a cache or a server that was down. Outside a transaction the
row is written and dispatched at once.
"""

import json
import logging
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .models import OutboxEvent

logger = logging.getLogger(__name__)


class _Recorded:
    """The events recorded on one connection since its last commit or rollback."""

    def __init__(self, hooks: list):
        # Django gives the connection a new list of commit hooks at every commit, rollback
        # and rolled-back savepoint: while it holds the same one, rows written since are
        # still in the transaction, and the same event need not be written twice.
        self.hooks = hooks
        self.seen: set[str] = set()
        self.ids: list[int] = []


_recorded: WeakKeyDictionary[BaseDatabaseWrapper, _Recorded] = WeakKeyDictionary()


def record(kind: str, payload: dict, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Record that `kind` happened to what `payload` names, in the current transaction.

    The same kind and payload twice in one transaction is recorded once.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        event = OutboxEvent.objects.using(using).create(kind=kind, payload=payload)
        _dispatch_at_commit([event.pk], using)
        return
    recorded = _recorded.get(connection)
    if recorded is None or recorded.hooks is not connection.run_on_commit:
        recorded = _recorded[connection] = _Recorded(connection.run_on_commit)
    key = kind + json.dumps(payload, sort_keys=True)
    if key in recorded.seen:
        return
    event = OutboxEvent.objects.using(using).create(kind=kind, payload=payload)
    recorded.seen.add(key)
    recorded.ids.append(event.pk)
    # A hook per event, as a rolled-back savepoint drops the hooks registered inside it;
    # the first to run dispatches every event recorded, the others find none left.
    transaction.on_commit(lambda: _dispatch_recorded(recorded, using), using=using)


def _dispatch_recorded(recorded: _Recorded, using: str) -> None:
    """Dispatch what the transaction recorded; what is recorded next starts afresh."""
    ids = list(recorded.ids)
    recorded.ids.clear()
    recorded.seen.clear()
    if ids:
        _dispatch_at_commit(ids, using)


def _dispatch_at_commit(event_ids: list[int], using: str) -> None:
    """Run the at-commit effects of the committed events; the worker does the rest."""
    from .dispatch import dispatch_events

    try:
        dispatch_events(list(event_ids), at_commit=True, using=using)
    except Exception:
        # The change is committed whatever its effects do: the worker retries them.
        logger.exception("Events %s left to the worker", event_ids)
