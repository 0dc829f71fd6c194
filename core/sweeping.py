"""Find the files in storage that no row names: what a killed worker or a lost write left."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from django.core.files.storage import default_storage

from core.files import referenced_files


def stored_names(folder: str = "") -> Iterator[str]:
    """Yield the name of every file in default storage under `folder`, at any depth."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_names(f"{folder}/{sub}" if folder else sub)


def orphans(older_than: timedelta) -> list[str]:
    """Return stored files no row names, last changed more than `older_than` ago.

    The age keeps a file being uploaded right now (stored, its row not yet committed) safe;
    half-written `.partial-*` files are orphans too (core/storage.py).
    """
    named = referenced_files()
    cutoff = datetime.now(UTC) - older_than
    return [
        name
        for name in stored_names()
        if name not in named and default_storage.get_modified_time(name) < cutoff
    ]
