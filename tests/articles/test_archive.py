"""Nothing lost: an exported newsroom restored into an empty database is the same in every field."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.services import publishing
from articles.services.archive import FILE_FIELDS, MODELS
from images.renditions import ensure_renditions
from tests.factories import ArticleFactory, ArticleImageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict]]:
    """Return every exported model's rows as plain field dictionaries, by id."""
    return {
        label: serializers.serialize(
            "python",
            apps.get_model(label)._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
        )
        for label in MODELS
    }


def stored_files() -> dict[str, bytes]:
    files = {}
    for label, field in FILE_FIELDS.items():
        for row in apps.get_model(label)._default_manager.all():
            if getattr(row, field):
                with default_storage.open(getattr(row, field).name, "rb") as stored:
                    files[getattr(row, field).name] = stored.read()
    return files


def empty_everything() -> None:
    for name in stored_files():
        default_storage.delete(name)
    for label in reversed(MODELS):
        apps.get_model(label)._default_manager.all().delete()


@pytest.fixture
def newsroom(rich_article, editor):
    """Return a newsroom with relations, a picture, a correction, events and revisions."""
    article = rich_article(n=2)
    picture = ImageFactory()
    ensure_renditions(picture)
    ArticleImageFactory(article=article, image=picture, is_lead=True)
    publishing.add_correction(article=article, user=editor, text="A date was wrong.")
    draft = ArticleFactory(draft=True, created_by=editor)
    publishing.submit_for_review(article=draft, user=editor)
    return article


def test_an_export_restored_into_an_empty_database_is_the_same_in_every_field(newsroom, tmp_path):
    before, files_before = snapshot(), stored_files()
    assert before["reversion.Version"] and before["articles.ArticleEvent"]
    assert files_before
    archive = tmp_path / "newsroom.tar.gz"
    call_command("export_content", str(archive))

    empty_everything()
    assert not any(snapshot().values())
    call_command("import_content", str(archive))

    after = snapshot()
    for label in MODELS:
        for old, new in zip(before[label], after[label], strict=True):
            changed = {k for k in old["fields"] if old["fields"][k] != new["fields"].get(k)}
            assert (new["pk"], changed) == (old["pk"], set()), (label, changed)
    assert stored_files() == files_before
    assert ArticleFactory().pk > max(row["pk"] for row in before["articles.Article"])


def test_a_restore_into_a_database_with_content_is_refused_and_changes_nothing(newsroom, tmp_path):
    archive = tmp_path / "newsroom.tar.gz"
    call_command("export_content", str(archive))
    before = snapshot()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_content", str(archive))
    assert snapshot() == before


def test_an_archive_of_another_kind_is_refused(tmp_path, db):
    import tarfile

    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a Masthead export"):
        call_command("import_content", str(archive))
