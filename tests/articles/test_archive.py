"""Nothing lost: an exported newsroom restored into an empty database is the same in every field.

The models and the files are read from the app registry, never listed here: a model the
newsroom below does not fill makes the round trip fail until it does.
"""

import io
import json
import tarfile

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle
from rest_framework.authtoken.models import Token
from taggit.models import Tag as PlainTag
from taggit.models import TaggedItem

from accounts.sessions import sign_out_everywhere
from accounts.twofactor import new_recovery_codes
from articles.golive import go_live
from articles.services import publishing
from articles.services.archive import archived_models
from articles.services.autosave import keep_autosave
from core.files import file_fields, referenced_files
from events.markers import beat
from events.models import Delivery, OutboxEvent
from fronts.services import SlotChoice, write_front
from images.renditions import ensure_renditions
from live import services as live
from moving.models import ImportedPerson, ImportedPicture, ImportedPost, ImportRun, Redirect
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    ArticleImageFactory,
    ImageFactory,
    RelatedArticleFactory,
    RelatedHeadlineFactory,
    api_key,
)
from tests.images.test_upload_path import telling_jpeg
from webhooks import services as webhooks
from webhooks.models import Attempt as WebhookAttempt

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict]]:
    """Return every archived model's rows as plain field dictionaries, by id."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in archived_models()
    }


def stored_files() -> dict[str, bytes]:
    """Return the bytes of every file a row names."""
    files = {}
    for name in referenced_files():
        with default_storage.open(name, "rb") as stored:
            files[name] = stored.read()
    return files


@pytest.fixture
def made_by_migrate(db) -> dict[str, set]:
    """Return the ids of the rows the test database holds before any test writes: migrate's."""
    return {
        model._meta.label: set(model._base_manager.values_list("pk", flat=True))
        for model in archived_models()
    }


def empty_everything(kept: dict[str, set]) -> None:
    """Remove every file and row but what migrate made, as a new installation has it."""
    for name in referenced_files():
        default_storage.delete(name)
    for model in archived_models():
        rows = model._base_manager.exclude(pk__in=kept[model._meta.label])
        rows._raw_delete(connection.alias)


@pytest.fixture
def newsroom(rich_article, editor, made_by_migrate):
    """Return a newsroom with a row in every model and a file in every file field."""
    # The editor's joining a role was audited before migrate's rows were noted: not migrate's.
    made_by_migrate["accounts.AuditEntry"] = set()
    article = rich_article(n=2)
    picture = ImageFactory()
    ensure_renditions(picture)
    ArticleImageFactory(article=article, image=picture, is_lead=True)
    figure = ArticleImageFactory(article=article, position=3)
    figure.file.save("figure.jpg", ContentFile(telling_jpeg()))
    person = article.bylines.first().person
    person.photo.save("portrait.jpg", ContentFile(telling_jpeg()))
    AffiliationFactory(person=person)
    RelatedArticleFactory(from_article=article)
    RelatedHeadlineFactory(article=article, target=ArticleFactory())
    publishing.add_correction(article=article, user=editor, text="A date was wrong.")
    draft = ArticleFactory(draft=True, created_by=editor)
    publishing.submit_for_review(article=draft, user=editor)
    keep_autosave(article=draft, user=editor, fields={"headline": "New"}, article_version=1)
    write_front(section=None, slots=[SlotChoice(article=article, place="lead")])
    fill_the_framework_models(editor, article)
    return article


def fill_the_framework_models(editor, article) -> None:
    """Give the libraries' own tables (log, sessions, lockout, plain tags) a row each."""
    LogEntry.objects.log_actions(
        user_id=editor.pk, queryset=[article], action_flag=ADDITION, change_message="Added."
    )
    session = SessionStore()
    session["seen"] = True
    session.create()
    seen = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "someone"}
    attempt = AccessAttempt.objects.create(
        **seen, get_data="", post_data="", failures_since_start=1, http_accept="*/*"
    )
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=timezone.now())
    AccessFailureLog.objects.create(**seen, http_accept="*/*", path_info="/admin/login/")
    AccessLog.objects.create(**seen, http_accept="*/*", path_info="/admin/login/")
    plain = PlainTag.objects.create(name="plain", slug="plain")
    TaggedItem.objects.create(
        tag=plain, content_type=ContentType.objects.get_for_model(article), object_id=article.pk
    )
    fill_the_newer_apps(editor, article)


def fill_the_newer_apps(editor, article) -> None:
    """Give staff accounts, events, the worker and moving-in a row each."""
    api_key(editor)
    Token.objects.create(user=editor)  # DRF's table stays, emptied by the hashed tokens' migration
    sign_out_everywhere(editor, by=editor)
    TOTPDevice.objects.create(user=editor, name="Phone")
    new_recovery_codes(editor)
    credential = WebAuthnCredential.objects.create(
        user=editor, name="Laptop", credential_id=b"\x01\x02", public_key=b"\x03",
        aaguid="00000000-0000-0000-0000-000000000000", credential_id_sha256="ab" * 32,
    )  # fmt: skip
    WebAuthnUserHandle.objects.create(user=editor, handle_hex="cd" * 32)
    WebAuthnAttestation.objects.create(
        credential=credential, fmt="none", data=b"\x04", client_data_json=b"{}"
    )
    beat()
    event = OutboxEvent.objects.create(kind="article.updated", payload={"article": article.pk})
    Delivery.objects.create(event=event, effect="pagecache", next_try=timezone.now())
    go_live.enqueue()
    Redirect.objects.create(old_path="/?p=1", article=article)
    ImportedPost.objects.create(source="wordpress", key="guid-1", article=article, fingerprint="f")
    person = article.bylines.first().person
    ImportedPerson.objects.create(source="wordpress", key="login", person=person)
    ImportedPicture.objects.create(url="https://old.example/a.jpg", image=ImageFactory())
    run = ImportRun(source="wordpress", created_by=editor)
    run.file.save("export.xml", ContentFile(b"<rss/>"))
    endpoint, _ = webhooks.create_endpoint(url="https://127.0.0.1/", events=["article.updated"])
    sent = webhooks.send_test(endpoint=endpoint)
    WebhookAttempt.objects.create(delivery=sent, status=200, latency_ms=3, response="ok")
    for renamed in (person, article.section, article.tags.first()):
        renamed.slug += "-renamed"  # each keeps its former slug
        renamed.save()
    live.start_coverage(article=article, user=editor)
    live.post_entry(article=article, user=editor, body="<p>Still live.</p>", authors=[person])


def export(tmp_path) -> str:
    archive = tmp_path / "newsroom.tar.gz"
    call_command("export_content", str(archive))
    return str(archive)


def test_an_export_restored_into_an_empty_database_is_the_same_in_every_field(
    newsroom, made_by_migrate, tmp_path
):
    before, files_before = snapshot(), stored_files()
    empty = [label for label, rows in before.items() if not rows]
    assert not empty, f"the newsroom leaves these models without a row: {empty}"
    unfilled = [
        f"{model._meta.label}.{field.name}"
        for model, field in file_fields()
        if not model._base_manager.exclude(**{field.name: ""}).exists()
    ]
    assert files_before and not unfilled, f"no row names a file in {unfilled}"
    archive = export(tmp_path)

    empty_everything(made_by_migrate)
    assert not stored_files()
    call_command("import_content", archive)

    after = snapshot()
    # The restore is a change of its own: it is audited, and its saves record events so that
    # caches are told. Those rows come after the restored ones; the restored ones must match.
    for label in ("accounts.AuditEntry", "events.OutboxEvent", "events.Delivery"):
        restored = {row["pk"] for row in before[label]}
        added = [row for row in after[label] if row["pk"] not in restored]
        assert all(row["pk"] > max(restored) for row in added), label
        after[label] = [row for row in after[label] if row["pk"] in restored]
    for label, rows in before.items():
        assert len(rows) == len(after[label]), (label, len(rows), len(after[label]))
        for old, new in zip(rows, after[label], strict=True):
            changed = {k for k in old["fields"] if old["fields"][k] != new["fields"].get(k)}
            assert (new["pk"], changed) == (old["pk"], set()), (label, changed)
    assert stored_files() == files_before
    assert ArticleFactory().pk > max(row["pk"] for row in before["articles.Article"])


def test_a_restore_into_a_database_with_content_is_refused_and_changes_nothing(newsroom, tmp_path):
    archive = export(tmp_path)
    before = snapshot()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_content", archive)
    assert snapshot() == before


def test_an_export_refuses_when_a_file_a_row_names_is_missing(newsroom, tmp_path):
    default_storage.delete(newsroom.bylines.first().person.photo.name)
    with pytest.raises(CommandError, match="missing from storage"):
        export(tmp_path)
    assert not (tmp_path / "newsroom.tar.gz").exists()


def rewritten(archive: str, tmp_path, change) -> str:
    """Return a copy of `archive` whose members `change` may drop, alter or add to."""
    with tarfile.open(archive, "r:gz") as source:
        members = {m.name: (m, source.extractfile(m).read()) for m in source.getmembers()}
    change(members)
    copy = tmp_path / "changed.tar.gz"
    with tarfile.open(copy, "w:gz") as target:
        for member, data in members.values():
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return str(copy)


def without_media(members: dict) -> None:
    for name in [name for name in members if name.startswith("media/")]:
        del members[name]


def without_a_row(members: dict) -> None:
    member, data = members["data.json"]
    members["data.json"] = (member, json.dumps(json.loads(data)[1:]).encode())


def with_a_changed_file(members: dict) -> None:
    name = next(name for name in members if name.startswith("media/"))
    member, data = members[name]
    members[name] = (member, data[:-10] + b"0123456789")


def with_member_named(name: str):
    def add(members: dict) -> None:
        member = tarfile.TarInfo(name)
        members[name] = (member, b"hello")

    return add


def with_a_link(members: dict) -> None:
    link = tarfile.TarInfo("media/link.jpg")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    members[link.name] = (link, b"")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (without_media, "files do not match its manifest"),
        (without_a_row, "rows do not match its manifest"),
        (with_a_changed_file, "differs from the file exported"),
        (with_member_named("/etc/cron.d/evil"), "outside itself"),
        (with_member_named("media/../../evil.py"), "outside itself"),
        (with_member_named("media/extra.jpg"), "files do not match its manifest"),
        (with_member_named("notes.txt"), "which no export writes"),
        (with_a_link, "not a plain file"),
    ],
)
def test_an_archive_that_disagrees_with_its_manifest_is_refused_and_restores_nothing(
    newsroom, made_by_migrate, tmp_path, change, reason
):
    archive = rewritten(export(tmp_path), tmp_path, change)
    empty_everything(made_by_migrate)
    emptied = snapshot()
    with pytest.raises(CommandError, match=reason):
        call_command("import_content", archive)
    assert snapshot() == emptied and not stored_files()


def test_an_archive_of_another_kind_is_refused(tmp_path, db):
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a Masthead export"):
        call_command("import_content", str(archive))
