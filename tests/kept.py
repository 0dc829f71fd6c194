"""Data made once for several tests, as Django's TestCase.setUpTestData makes it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def kept_for_the_scope(django_db_blocker) -> Iterator[None]:
    """Hold a module's or a class's tests in one transaction, rolled back after the last.

    What a fixture of that scope writes inside the block is written once, and each test
    still starts from it as it was: pytest-django runs every test (but those marked
    transaction=True, which must not be held here) in a savepoint of this transaction.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
