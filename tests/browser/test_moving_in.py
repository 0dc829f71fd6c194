"""In real Chromium, as the demo editor: a WordPress export uploaded, checked, then imported."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from events.worker import Worker
from seeds.accounts import ensure_demo_accounts
from tests.browser.signing import sign_in
from tests.moving.conftest import EXPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_uploads_an_export_reads_the_dry_run_and_imports_it(page, live_server):
    ensure_demo_accounts()
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Imports from WordPress or Ghost").click()
    page.get_by_role("link", name=re.compile("Add import")).click()
    page.get_by_label("Source").select_option("wordpress")
    page.get_by_label("File").set_input_files(str(EXPORTS / "harbourside.wxr.xml"))
    page.get_by_role("button", name="Save", exact=True).click()

    page.get_by_role("link", name=re.compile("WordPress import of")).click()
    expect(page.get_by_text("has not finished checking")).to_be_visible()
    Worker("browser-test").turn()  # the worker checks the export
    page.reload()
    expect(page.get_by_text("created 6 articles")).to_be_visible()
    assert not Article.objects.exists()

    page.get_by_role("button", name="Import now").click()
    expect(page.get_by_text("The import is waiting for the worker")).to_be_visible()
    Worker("browser-test").turn()  # the worker imports it
    page.reload()
    expect(page.get_by_text("7 of 7 posts")).to_be_visible()
    assert Article.objects.count() == 7
