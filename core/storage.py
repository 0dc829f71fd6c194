"""File storage that never leaves half a file under a real name.

Django's FileSystemStorage writes straight to the final name, so a full disk or a worker
killed mid-write leaves a truncated file that looks whole. Here each file is written to a
hidden partial name beside it and linked to its real name only once every byte is on disk;
on any failure the partial is removed. A worker killed outright can still leave a partial
(`.partial-*`), which `manage.py sweep_media` removes.

Files stored by a request whose transaction then rolls back are removed when the request
ends (DiscardUnsavedUploadsMiddleware), so a failed upload leaves neither rows nor files.
"""

import logging
import os
import threading
import uuid

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

PARTIAL_PREFIX = ".partial-"


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        directory, base = os.path.split(name)
        partial = os.path.join(directory, f"{PARTIAL_PREFIX}{uuid.uuid4().hex}-{base}")
        try:
            partial = super()._save(partial, content)
            self._fsync(partial)
            return self._link(name, partial)
        finally:
            # Written or not, linked or not: the partial name never outlives this call.
            if os.path.lexists(self.path(partial)):
                os.unlink(self.path(partial))

    def _fsync(self, name: str) -> None:
        with open(self.path(name), "rb") as written:
            os.fsync(written.fileno())

    def _link(self, name: str, partial: str) -> str:
        """Give the complete file at `partial` its real name, a fresh one if it is taken."""
        while True:
            try:
                os.link(self.path(partial), self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return name.replace("\\", "/")


# The files stored during the request being served on this thread, None outside requests.
_request = threading.local()


def note_stored(storage, model, attname: str, name: str) -> None:
    """Remember a file stored for `model`'s field during this request, until the request ends."""
    stored = getattr(_request, "files", None)
    if stored is not None:
        stored.append((storage, model, attname, name))


class DiscardUnsavedUploadsMiddleware:
    """Delete the files a request stored but whose rows it did not keep.

    A request's writes are one transaction: when it fails (a full disk while making the
    renditions, a refused row) the rows roll back, and the files stored for them would stay
    behind with no row naming them. At the end of the request any file no row names is gone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.files = []
        try:
            return self.get_response(request)
        finally:
            stored, _request.files = _request.files, None
            if stored:
                discard_unsaved(stored)


def discard_unsaved(stored: list) -> None:
    """Delete each stored file that no row of its model names (a rolled-back write's)."""
    try:
        for storage, model, attname, name in stored:
            if not model._base_manager.filter(**{attname: name}).exists():
                storage.delete(name)
    except Exception:
        # The database or storage is away: `manage.py sweep_media` finds them later.
        logger.exception("Files of a failed request could not be removed now")
