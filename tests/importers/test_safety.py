"""Bad input gets a clear error and writes nothing; the same copy is never imported twice."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleImage, Mention
from articles.services import importing
from articles.services.importing import ImportRejected, import_article
from people.models import Person

BAD_INPUTS = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\n \t\n", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "not utf-8": ("Caf\u00e9 owners protest\n\nThe caf\u00e9s closed.".encode("latin-1"), "UTF-8"),
    "too large": (b"Headline\n\n" + b"A paragraph of copy.\n" * 110_000, "2 MB"),
    "one long blob": (b"word " * 200, "no article structure"),
    "headline only": (b"Just a headline", "no story paragraphs"),
}


def nothing_written():
    return not (Article.objects.exists() or Person.objects.exists() or Mention.objects.exists())


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_rejected_with_a_clear_message(name, sections):
    data, message = BAD_INPUTS[name]
    with pytest.raises(ImportRejected, match=message):
        import_article(data=data)
    assert nothing_written()


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_the_command_exits_non_zero_on_bad_input_and_writes_nothing(
    name, sections, tmp_path, capsys
):
    data, message = BAD_INPUTS[name]
    path = tmp_path / "copy.txt"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_article", str(path))
    assert message in capsys.readouterr().err
    assert nothing_written()


def test_bad_ninjs_is_rejected(sections):
    for data, message in [(b"{not json", "not valid JSON"), (b"[]", "JSON object"),
                          (b'{"headlines": []}', "no article structure")]:  # fmt: skip
        with pytest.raises(ImportRejected, match=message):
            import_article(data=data, fmt="ninjs")
    assert nothing_written()


def test_importing_the_same_copy_twice_reports_the_first_article(ferry_bytes, sections):
    first = import_article(data=ferry_bytes)
    again = import_article(data=ferry_bytes.replace(b"\n", b"\r\n"))
    assert first.created and not again.created
    assert again.article == first.article
    assert Article.objects.count() == 1


def test_a_failure_halfway_leaves_nothing_behind(ferry_bytes, sections, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(importing.RelatedHeadline.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_article(data=ferry_bytes)
    assert nothing_written() and not ArticleImage.objects.exists()


def test_an_unknown_section_is_a_clear_error(ferry_bytes, sections):
    with pytest.raises(ImportRejected, match="no section with the slug “nowhere”"):
        import_article(data=ferry_bytes, section_slug="nowhere")
    assert nothing_written()


def test_markup_in_the_copy_stays_text_and_ninjs_html_is_sanitised(sections):
    text = b"Harbour plan stalls\n\nThe board met <script>alert(1)</script> on Monday.\n"
    article = import_article(data=text).article
    assert "<script>" not in article.body and "&lt;script&gt;" in article.body
    ninjs = (
        b'{"headlines": [{"role": "main", "value": "Pier reopens"}],'
        b' "bodies": [{"role": "main", "contenttype": "text/html",'
        b' "value": "<p onclick=\\"x()\\">Open.</p><script>alert(1)</script>"}]}'
    )
    article = import_article(data=ninjs, fmt="ninjs").article
    assert article.body == "<p>Open.</p>"
