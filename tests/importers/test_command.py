"""The import_article management command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleImage
from people.models import Person

from .corpus.table import CORPUS


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_article", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_it_prints_what_it_recognised_and_the_admin_url(ferry_bytes, sections, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(ferry_bytes)
    output = run(path, "--section", "business")
    article = Article.objects.get()
    assert f"/admin/articles/article/{article.pk}/change/" in output
    for expected in [
        "Headline: Penang’s ferry terminal",
        "Byline (Author): Aminah Rahim",
        "Byline (Additional reporting): Farah Idris",
        "[subheading] Stalls at half the rent",
        "Felicia Wong Sze Min — a hawker",
        "Related headlines (Business):",
        "Section: Business",
        "created draft",
    ]:
        assert expected in output
    assert article.section.slug == "business" and article.status == "draft"


def test_dry_run_writes_nothing(ferry_bytes, sections, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(ferry_bytes)
    output = run(path, "--dry-run")
    assert "dry run, nothing written" in output and "Lee Mei Ling" in output
    assert not Article.objects.exists() and not Person.objects.exists()


def test_a_second_import_reports_the_existing_article(ferry_bytes, sections, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(ferry_bytes)
    run(path)
    output = run(path)
    assert "already imported as" in output
    assert Article.objects.count() == 1


def test_a_folder_imports_every_file_with_a_progress_bar(
    ferry_bytes, swim_bytes, sections, tmp_path
):
    (tmp_path / "a.txt").write_bytes(ferry_bytes)
    (tmp_path / "b.txt").write_bytes(swim_bytes)
    (tmp_path / "notes.json").write_bytes(b"{}")  # not text copy: left alone
    output = run(tmp_path, "--status", "published", "--section", "sport")
    assert "2/2" in output  # the progress bar's count
    assert output.count("created published") == 2 and "created draft" not in output
    assert Article.objects.published().count() == 2
    assert ArticleImage.objects.count() == 2


def test_one_bad_file_fails_the_run_but_not_the_others(ferry_bytes, sections, tmp_path):
    (tmp_path / "a.txt").write_bytes(ferry_bytes)
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2 file"):
        run(tmp_path)
    assert Article.objects.count() == 1


def test_an_unknown_section_or_path_is_an_error(ferry_bytes, sections, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(ferry_bytes)
    with pytest.raises(CommandError):
        run(path, "--section", "nowhere")
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.txt")
    assert not Article.objects.exists()


def test_a_ninjs_import_lists_the_people_it_creates_like_any_other(sections, tmp_path):
    document = {
        "uri": "urn:example:1",
        "type": "text",
        "headlines": [{"role": "main", "value": "Ferry timetable changes for winter"}],
        "bodies": [{"role": "main", "contenttype": "text/html",
                    "value": "<p>Ola Brandt said the timetable would change.</p>"}],
        "people": [{"name": "Ola Brandt", "rel": "mentioned"},
                   {"name": "Kim Roe", "rel": "author"}],
    }  # fmt: skip
    path = tmp_path / "item.json"
    path.write_text(json.dumps(document))
    output = run(path, "--format", "ninjs")
    assert "Byline (Author): Kim Roe (new, needs review)" in output
    assert "People (1):" in output and "Ola Brandt (×1, new, needs review)" in output
    assert Person.objects.filter(needs_review=True).count() == 2


def test_a_dry_run_lists_the_tags_the_story_proposes_and_its_correction_note(sections):
    path = CORPUS / "guardian_wind_farm.txt"
    output = run(path, "--dry-run")
    assert "New tags the story proposes" in output
    assert "  Wind power (topic) — in the headline" in output
    assert "Correction notes (kept out of the body):" in output
    assert "This article was amended on 12 March 2026" in output
    assert not Article.objects.exists()
