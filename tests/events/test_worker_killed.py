"""A worker killed in the middle of an effect loses no event and applies none twice with harm."""

import json
import os
import signal
import time

import pytest

from tests.events.site import LiveSite

pytestmark = pytest.mark.django_db(transaction=True)

# One more effect than the apps register, slow, and noting each run in a file: registered in
# every process of the test, as an app's effects are in every process of a site.
SLOW = """
import os, time
from events import registry

def slow(events):
    with open(os.environ["RUNS"], "a") as runs:
        runs.write("start\\n")
    time.sleep(float(os.environ["SLOW_SECONDS"]))
    with open(os.environ["RUNS"], "a") as runs:
        runs.write(" ".join(str(event.pk) for event in events) + "\\n")

registry.register("slow", slow, kinds=["article.updated"])
"""
WORKER = (
    SLOW
    + """
from events.worker import Worker
Worker("test").run()
"""
)

CHANGE = (
    SLOW
    + """
from django.db import transaction
from articles.models import Article, Section
with transaction.atomic():  # one commit: one revision taken for it
    section = Section.objects.create(name="Harbour", slug="harbour")
    article = Article.objects.create(headline="Saved by a script", slug="script", section=section)
    article.headline = "Saved again by the script"
    article.save()
print(json.dumps({"article": article.pk}))
"""
)

STATE = """
from articles.models import Article
from articles.services.revisions import versions_of
from events.models import Delivery, OutboxEvent
article = Article.objects.get(pk={pk})
print(json.dumps({{
    "undone": list(OutboxEvent.objects.filter(done_at=None).values_list("pk", flat=True)),
    "revisions": versions_of(article).count(),
    "attempts": {{d.effect: d.attempts for d in Delivery.objects.all()}},
    "done": sorted({{d.effect for d in Delivery.objects.exclude(done_at=None)}}),
}}))
"""


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_worker_killed_mid_effect_leaves_it_to_the_next_worker(tmp_path, django_db_blocker):
    runs = tmp_path / "runs.txt"
    runs.touch()
    with django_db_blocker.unblock():
        live = LiveSite(tmp_path, EVENTS_LEASE_SECONDS="3", RUNS=str(runs))
        try:
            pk = live.script(CHANGE)["article"]
            killed = live.start_script(WORKER, env={"SLOW_SECONDS": "60"})
            wait_for(lambda: runs.read_text().startswith("start"))
            os.killpg(killed.pid, signal.SIGKILL)
            killed.wait(10)

            before = live.script(STATE.format(pk=pk))
            assert before["undone"], "the event waits: nothing lost"
            assert "slow" not in before["done"]

            live.start_script(WORKER, env={"SLOW_SECONDS": "0"})
            wait_for(lambda: not live.script(STATE.format(pk=pk))["undone"])
            after = live.script(STATE.format(pk=pk))
        finally:
            live.close()
    lines = runs.read_text().splitlines()
    assert lines[0] == "start" and lines[1] == "start" and len(lines) == 3  # run again, once
    assert after["revisions"] == 1  # the revision, taken at commit, not again
    assert after["attempts"]["slow"] == 2
    assert all(n == 1 for effect, n in after["attempts"].items() if effect != "slow")
    print(json.dumps(after))
