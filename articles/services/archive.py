"""Export the whole newsroom to a versioned archive, and restore one into an empty database.

The archive is a gzipped tar holding `manifest.json` (format, version, counts), `data.json`
(every section, tag, person, article with its relations, corrections, events and revisions,
the accounts they name, and each library image's record) and `media/` (the image files).
Rows keep their ids, so the revisions' stored copies still name the right rows after a
restore. Accounts keep their password hashes: treat an archive like a database backup.
"""

import io
import json
import tarfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction

FORMAT = "masthead-content"
VERSION = 1
# Parents before children, so that a restore reads in the order the rows depend on.
MODELS = [
    "auth.User",
    "people.Person",
    "people.Affiliation",
    "articles.Section",
    "articles.Tag",
    "images.Image",
    "images.Rendition",
    "articles.Article",
    "articles.Byline",
    "articles.Mention",
    "articles.TaggedArticle",
    "articles.ArticleImage",
    "articles.RelatedArticle",
    "articles.RelatedHeadline",
    "articles.Correction",
    "articles.ArticleEvent",
    "reversion.Revision",
    "reversion.Version",
    "articles.ArticleVersionNumber",
]
# The models whose rows name files in storage, and the fields naming them.
FILE_FIELDS = {"images.Image": "file", "images.Rendition": "file", "people.Person": "photo"}


class ArchiveError(Exception):
    """The archive cannot be restored here; the message says why."""


@dataclass(frozen=True)
class ArchiveReport:
    counts: dict[str, int]
    files: int


def export_content(path: Path) -> ArchiveReport:
    """Write every row of MODELS and the files they name to a new archive at `path`."""
    counts, records, files = {}, [], set()
    for label in MODELS:
        model = apps.get_model(label)
        rows = list(model._default_manager.order_by("pk"))
        counts[label] = len(rows)
        records.extend(json.loads(_serialize(rows)))
        files |= _file_names(label, rows)
    manifest = {"format": FORMAT, "version": VERSION, "counts": counts, "files": len(files)}
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "data.json", json.dumps(records).encode())
        for name in sorted(files):
            with default_storage.open(name, "rb") as stored:
                _add_bytes(archive, f"media/{name}", stored.read())
    return ArchiveReport(counts=counts, files=len(files))


def import_content(path: Path) -> ArchiveReport:
    """Restore the archive at `path` into this empty database, all or nothing."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = _read_json(archive, "manifest.json")
        _check_manifest(manifest)
        _check_empty()
        data = _read_bytes(archive, "data.json").decode()
        using = router.db_for_write(apps.get_model("articles.Article"))
        with transaction.atomic(using=using):
            _load_rows(data, using)
            files = _restore_files(archive)
    return ArchiveReport(counts=manifest["counts"], files=files)


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's keeps milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _serialize(rows: list) -> str:
    return serializers.serialize(
        "json", rows, use_natural_foreign_keys=True, cls=LosslessJSONEncoder
    )


def _file_names(label: str, rows: list) -> set[str]:
    field = FILE_FIELDS.get(label)
    return {getattr(row, field).name for row in rows if field and getattr(row, field)}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _read_bytes(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        member = archive.extractfile(name)
    except KeyError as error:
        raise ArchiveError(f"The archive has no {name}: it is not a Masthead export.") from error
    if member is None:
        raise ArchiveError(f"{name} in the archive is not a file.")
    return member.read()


def _read_json(archive: tarfile.TarFile, name: str):
    try:
        return json.loads(_read_bytes(archive, name))
    except (ValueError, RecursionError) as error:
        raise ArchiveError(f"{name} in the archive is not valid JSON.") from error


def _check_manifest(manifest) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("This is not a Masthead content archive.")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"The archive is format version {manifest.get('version')}; "
            f"this Masthead restores version {VERSION}."
        )


def _check_empty() -> None:
    filled = [label for label in MODELS if apps.get_model(label)._default_manager.exists()]
    if filled:
        raise ArchiveError(
            "The database already holds content (" + ", ".join(filled) + "); "
            "restore into an empty database, after migrate."
        )


def _load_rows(data: str, using: str) -> None:
    connection = connections[using]
    models, deferred = set(), []
    # As loaddata does: rows arrive with their ids, so constraints are checked at the end.
    # Rows are saved as they are read: accounts come first, so the natural keys naming
    # them (articles' authors, revisions' users) are found by the rows after them.
    with connection.constraint_checks_disabled():
        for obj in serializers.deserialize(
            "json", data, using=using, handle_forward_references=True
        ):
            obj.save(using=using)
            models.add(type(obj.object))
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields(using=using)
    connection.check_constraints()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _restore_files(archive: tarfile.TarFile) -> int:
    """Write the archive's files to storage; on any failure remove those written so far."""
    restored: list[str] = []
    try:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                restored.append(_restore_file(archive, member))
    except BaseException:
        for name in restored:
            default_storage.delete(name)
        raise
    return len(restored)


def _restore_file(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    name = member.name.removeprefix("media/")
    if ".." in Path(name).parts or Path(name).is_absolute():
        raise ArchiveError(f"The archive names a file outside the media folder: {name}")
    if default_storage.exists(name):
        raise ArchiveError(f"{name} already exists in storage; restore into empty storage.")
    return default_storage.save(name, ContentFile(archive.extractfile(member).read()))
