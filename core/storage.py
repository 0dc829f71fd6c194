"""File storage that never leaves half a file under a real name.

Django's FileSystemStorage writes straight to the final name, so a full disk or a worker
killed mid-write leaves a truncated file that looks whole. Here each file is written to a
hidden partial name beside it and linked to its real name only once every byte is on disk;
on any failure the partial is removed. A worker killed outright can still leave a partial
(`.partial-*`), which `manage.py sweep_media` removes.
"""

import os
import uuid

from django.core.files.storage import FileSystemStorage

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
