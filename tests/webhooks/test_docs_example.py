"""The receiver in docs/api.md runs as written and takes a real, signed delivery."""

import re
import threading
from http.server import HTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from tests.webhooks.conftest import run_worker
from tests.webhooks.test_delivery import publish_new
from webhooks import services
from webhooks.models import Attempt

pytestmark = pytest.mark.django_db
API_DOCS = Path(settings.BASE_DIR, "docs", "api.md")


def receiver_example() -> str:
    section = API_DOCS.read_text().split("### Receiving a webhook", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_documented_receiver_verifies_a_delivery(monkeypatch, capsys):
    endpoint, secret = services.create_endpoint(
        url="http://127.0.0.1:1/", events=["article.published"]
    )
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    example: dict = {"__name__": "receiver_example"}
    exec(compile(receiver_example(), str(API_DOCS), "exec"), example)
    server = HTTPServer(("127.0.0.1", 0), example["Receiver"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        services.update_endpoint(endpoint=endpoint, url=f"http://127.0.0.1:{port}/hooks")
        article = publish_new()
        run_worker(turns=2)
    finally:
        server.shutdown()
        server.server_close()

    assert Attempt.objects.get().status == 204
    assert capsys.readouterr().out.startswith(f"article.published {article.pk} ")
