"""Export the whole newsroom to a versioned archive, and restore one into an empty database.

The archive is a gzipped tar holding `manifest.json` (format, version, row counts, each
file's size and SHA-256), `data.json` (every row of every installed app's models, read from
the app registry, so a new model is backed up without being named here) and `media/` (every
file that some row's file field names, read from the models). Rows keep their ids, so the
revisions' stored copies still name the right rows after a restore. Accounts keep their
password hashes: treat an archive like a database backup.

A restore believes nothing it has not checked: every member must be a plain file under a
relative name, the rows and files must be exactly those the manifest lists, and the database
must hold nothing but rows that `migrate` makes (content types, permissions, the roles),
which the archive's own copies replace.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction

from core.files import file_fields, referenced_files

FORMAT = "masthead-content"
VERSION = 2
MEDIA = "media/"
KNOWN_MEMBERS = {"manifest.json", "data.json"}


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass(frozen=True)
class ArchiveReport:
    counts: dict[str, int]
    files: int


def archived_models() -> list:
    """Return every model whose rows an archive holds, parents (by natural key) first.

    Unmanaged models (the search index's tables) are views of other rows, and models marked
    `rebuilt_after_restore` (search's vocabulary) are counted from them, both rebuilt after a
    restore; proxies share their concrete model's rows.
    """
    app_list = dict.fromkeys(apps.get_app_configs())
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.managed
        and not model._meta.proxy
        and not getattr(model, "rebuilt_after_restore", False)
    ]


def export_content(path: Path) -> ArchiveReport:
    """Write every row of every model and every file they name to a new archive at `path`."""
    counts, records, natural_keys = {}, [], {}
    for model in archived_models():
        rows = list(model._base_manager.order_by("pk"))
        counts[model._meta.label] = len(rows)
        records.extend(json.loads(_serialize(rows)))
        keys = _natural_keys(model, rows)
        if keys is not None:
            natural_keys[model._meta.label] = keys
    files = _stored_files(sorted(referenced_files()))
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "counts": counts,
        "natural_keys": natural_keys,
        "files": {name: meta for name, (meta, _data) in files.items()},
    }
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "data.json", json.dumps(records, cls=LosslessJSONEncoder).encode())
        for name, (_meta, data) in files.items():
            _add_bytes(archive, MEDIA + name, data)
    return ArchiveReport(counts=counts, files=len(files))


def import_content(path: Path) -> ArchiveReport:
    """Restore the archive at `path` into this empty database, all or nothing."""
    with tarfile.open(path, "r:gz") as archive:
        _check_members(archive)
        manifest = _read_json(archive, "manifest.json")
        _check_manifest(manifest)
        records = _read_json(archive, "data.json")
        _check_rows(manifest, records)
        _check_files(archive, manifest, records)
        using = router.db_for_write(apps.get_model("articles.Article"))
        with transaction.atomic(using=using):
            _clear_made_by_migrate(manifest, using)
            _load_rows(json.dumps(records), using)
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


def _natural_keys(model, rows: list) -> list | None:
    """Return each row's natural key (content types, permissions, roles), or None if none."""
    if not hasattr(model._default_manager, "get_by_natural_key"):
        return None
    try:
        return [list(row.natural_key()) for row in rows]
    except AttributeError:  # taggit's tagged items define natural_key() without its fields
        return None


def _stored_files(names: list[str]) -> dict[str, tuple[dict, bytes]]:
    """Return each named file's size, digest and bytes; refuse to export if one is missing."""
    missing = [name for name in names if not default_storage.exists(name)]
    if missing:
        raise ArchiveError(
            f"{len(missing)} file(s) named by rows are missing from storage, e.g. "
            + ", ".join(missing[:5])
            + "; an archive without them would not restore the newsroom."
        )
    files = {}
    for name in names:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        files[name] = ({"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}, data)
    return files


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
    if not all(isinstance(manifest.get(key), dict) for key in ("counts", "natural_keys", "files")):
        raise ArchiveError("The archive's manifest is incomplete.")


def _check_members(archive: tarfile.TarFile) -> None:
    """Refuse the archive if any member is not a plain file under a safe, relative name."""
    for member in archive.getmembers():
        parts = PurePosixPath(member.name).parts
        if member.name.startswith("/") or "\\" in member.name or ".." in parts:
            raise ArchiveError(f"The archive names a file outside itself: {member.name!r}.")
        if not member.isfile():
            raise ArchiveError(f"{member.name!r} in the archive is not a plain file.")
        if member.name not in KNOWN_MEMBERS and not member.name.startswith(MEDIA):
            raise ArchiveError(f"The archive holds {member.name!r}, which no export writes.")


def _check_rows(manifest: dict, records) -> None:
    """Refuse rows that differ from the manifest's counts, or of models this site lacks."""
    counts: dict[str, int] = {}
    for record in records if isinstance(records, list) else [None]:
        label = record.get("model", "") if isinstance(record, dict) else ""
        counts[label] = counts.get(label, 0) + 1
    labels = {model._meta.label_lower: model._meta.label for model in archived_models()}
    found = {labels.get(label, label): count for label, count in counts.items()}
    listed = {label: count for label, count in manifest["counts"].items() if count}
    if found != listed:
        raise ArchiveError(
            "The archive's rows do not match its manifest (it was changed or cut short): "
            + _difference(listed, found)
        )
    unknown = set(listed) - set(labels.values())
    if unknown:
        raise ArchiveError(f"This site has no model for {', '.join(sorted(unknown))}.")


def _check_files(archive: tarfile.TarFile, manifest: dict, records: list) -> None:
    """Refuse files missing, added or changed since the export, or rows naming unlisted files."""
    listed = manifest["files"]
    present = {
        member.name.removeprefix(MEDIA): member
        for member in archive.getmembers()
        if member.name.startswith(MEDIA)
    }
    if set(listed) != set(present):
        missing, extra = sorted(set(listed) - set(present)), sorted(set(present) - set(listed))
        raise ArchiveError(
            f"The archive's files do not match its manifest: {len(missing)} missing "
            f"{missing[:3]}, {len(extra)} not listed {extra[:3]}."
        )
    for name, member in present.items():
        digest = hashlib.sha256(archive.extractfile(member).read()).hexdigest()
        if digest != listed[name].get("sha256"):
            raise ArchiveError(f"{name} in the archive differs from the file exported.")
    unlisted = _named_files(records) - set(listed)
    if unlisted:
        raise ArchiveError(f"Rows name files the archive lacks, e.g. {sorted(unlisted)[:3]}.")


def _named_files(records: list) -> set[str]:
    """Return the file names the archive's rows give in their file fields."""
    by_model: dict[str, set[str]] = {}
    for model, field in file_fields():
        by_model.setdefault(model._meta.label_lower, set()).add(field.name)
    return {
        record["fields"][name]
        for record in records
        for name in by_model.get(record["model"], ())
        if record["fields"].get(name)
    }


def _difference(listed: dict, found: dict) -> str:
    labels = sorted(set(listed) | set(found))
    return "; ".join(
        f"{label}: {listed.get(label, 0)} listed, {found.get(label, 0)} found"
        for label in labels
        if listed.get(label, 0) != found.get(label, 0)
    )


def _clear_made_by_migrate(manifest: dict, using: str) -> None:
    """Refuse a database holding content; remove what migrate made, which the archive replaces.

    Rows of a model with natural keys (content types, permissions, roles) may already be
    there after `migrate`; if the archive holds each of them, they make way for its copies,
    which keep the ids the rest of the archive names. Any other row means content.
    """
    filled, replaced = [], []
    for model in archived_models():
        rows = model._base_manager.using(using)
        if not rows.exists():
            continue
        keys = manifest["natural_keys"].get(model._meta.label)
        archived = {tuple(key) for key in keys or []}
        if keys is not None and all(_as_json(row.natural_key()) in archived for row in rows):
            replaced.append(model)
        else:
            filled.append(model._meta.label)
    if filled:
        raise ArchiveError(
            "The database already holds content (" + ", ".join(filled) + "); "
            "restore into an empty database, after migrate."
        )
    for model in reversed(replaced):
        model._base_manager.using(using).all().delete()
    ContentType.objects.clear_cache()


def _as_json(key) -> tuple:
    """Return a natural key as it reads back from JSON (tuples become lists)."""
    return tuple(json.loads(json.dumps(list(key), cls=DjangoJSONEncoder)))


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
            if member.name.startswith(MEDIA):
                restored.append(_restore_file(archive, member))
    except BaseException:
        for name in restored:
            default_storage.delete(name)
        raise
    return len(restored)


def _restore_file(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    name = member.name.removeprefix(MEDIA)
    if default_storage.exists(name):
        raise ArchiveError(f"{name} already exists in storage; restore into empty storage.")
    saved = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
    if saved != name:
        default_storage.delete(saved)
        raise ArchiveError(f"{name} could not be stored under its own name.")
    return saved
