"""Effects registered for one test through the registry, as an app's ready() does."""

import pytest

from events import registry


@pytest.fixture
def effect():
    """Return a function registering an effect for the test; it is removed afterwards."""
    names = []

    def register(name, handler, **options):
        names.append(name)
        registry.register(name, handler, **options)

    yield register
    for name in names:
        registry.unregister(name)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager under which changes commit (their on-commit hooks run)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
