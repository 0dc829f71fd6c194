"""`manage.py import_article` answers hostile files with a message, and writes nothing then."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article

from . import values
from .pages import row_counts

pytestmark = pytest.mark.django_db


def ninjs_documents() -> dict[str, str]:
    """Return ninjs documents whose fields carry each hostile value, and wrong types."""
    documents = {}
    for name, value in values.TEXT.items():
        documents[f"ninjs with {name}"] = json.dumps(
            {
                "uri": f"urn:hostile:{value[:200]}",
                "headline": value,
                "body_html": f"<p>{value}</p>",
                "byline": value,
                "subject": [{"name": value}],
                "versioncreated": value,
            }
        )
    escapes = {"a NUL escape": "\\u0000", "a lone surrogate escape": "\\ud800"}
    for name, escape in escapes.items():
        documents[f"ninjs with {name}"] = (
            f'{{"headline": "Ferry{escape}", "body_html": "<p>a{escape}b</p>", '
            f'"subject": [{{"name": "x{escape}"}}], "byline": "A{escape}"}}'
        )
    for name, wrong in {
        "a number for text": 12,
        "an array for text": ["a", "b"],
        "an object for text": {"a": 1},
        "null for text": None,
        "a boolean for text": True,
    }.items():
        for key in ("headline", "body_html", "byline", "subject", "versioncreated", "uri"):
            document = {"headline": "Ferries", "body_html": "<p>Late.</p>", key: wrong}
            documents[f"ninjs {key} as {name}"] = json.dumps(document)
    documents["ninjs that is a list"] = "[]"
    documents["ninjs that is a string"] = '"headline"'
    documents["ninjs with a huge number"] = (
        '{"headline": "Ferries", "priority": 1' + "0" * 5000 + "}"
    )
    return documents


def text_documents() -> dict[str, bytes]:
    """Return plain-text copy whose headline, byline, dateline and body carry each value."""
    documents = {
        f"copy with {name}": f"{value}\n\nBy {value}\n\nHONG KONG — {value}\n\n{value}\n".encode()
        for name, value in values.TEXT.items()
    }
    documents.update(
        {f"copy with {name}": b"Ferries " + raw + b"\n\n" + raw for name, raw in values.RAW.items()}
    )
    return documents


@pytest.mark.parametrize(
    ("fmt", "documents"), [("text", text_documents), ("ninjs", ninjs_documents)]
)
def test_the_import_command_answers_every_hostile_file(tmp_path, capsys, fmt, documents):
    refused = 0
    for n, (name, document) in enumerate(documents().items()):
        path = tmp_path / f"{n}.{'json' if fmt == 'ninjs' else 'txt'}"
        path.write_bytes(document if isinstance(document, bytes) else document.encode())
        before = row_counts()
        try:
            call_command("import_article", str(path), "--format", fmt)
        except CommandError:
            refused += 1
            assert capsys.readouterr().err.strip(), f"{name}: refused without a message"
            assert row_counts() == before, f"{name}: refused, yet rows changed"
    assert Article.objects.count() + refused >= len(documents()) // 2


@pytest.mark.parametrize(("escape", "message"), [("\\u0000", "NUL"), ("\\udc80", "surrogate")])
def test_a_ninjs_escape_that_text_cannot_carry_is_refused_by_name(editor_client, escape, message):
    document = f'{{"headline": "Ferries{escape}", "body_html": "<p>Late.</p>"}}'
    response = editor_client.post(
        reverse("admin:articles_article_import"), {"text": document, "format": "ninjs"}
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Article.objects.exists()
