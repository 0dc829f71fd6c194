"""Every admin form and filter answers hostile input with a page or a 4xx, and writes nothing.

The doors are read from the admin site itself: each registered model admin's add and change
forms, its changelist search box and every parameter of its list filters, its object
addresses, every autocomplete, and the article admin's own pages (workflow steps, correction,
import, picker, history). Each door is tried with every value of tests/hostile/values.py,
signed in as the real role that may use it (the Editor, else the Administrator). A value
refused by a form must leave every table as it was; a 5xx anywhere fails the test.
"""

import copy
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import ADMINISTRATOR, EDITOR
from articles.services import publishing
from articles.services.revisions import versions_of
from articles.services.writing import write_article
from fronts.services import SlotChoice, write_front
from live import services as live
from moving.models import ImportRun, Redirect
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
    api_key,
    editor_user,
)
from tests.kept import kept_for_the_scope
from webhooks import services as webhooks

from . import values
from .pages import main_form, row_counts

pytestmark = pytest.mark.django_db

REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODELS = [model._meta.label for model, _ in REGISTRY]
# Whether a form took the input: Django's admin redirects after a save it accepted.
ACCEPTED = {301, 302, 303, 308}
SEARCH_PARAMS = {"q", "term"}
# Values sent as multipart too: the bytes, and the longest text (URL-encoding triples it).
MULTIPART_VALUES = {*values.RAW, values.LONGEST, "emoji"}
PER_FIELD = 1  # values each field gets on its own


def registered(label: str):
    return next(model for model, _ in REGISTRY if model._meta.label == label)


# Who uses a door: the Editor where the role may see the model, else the Administrator.


def role_for(model) -> str:
    opts = model._meta
    editor_group = Group.objects.get(name=EDITOR)
    if editor_group.permissions.filter(
        content_type__app_label=opts.app_label, codename=f"view_{opts.model_name}"
    ).exists():
        return EDITOR
    return ADMINISTRATOR


def client_for(role: str) -> Client:
    user = UserFactory(username=f"hostile-{role.lower()}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.signed_in = user
    return client


@pytest.fixture(scope="module")
def newsroom_made_once(django_db_setup, django_db_blocker):
    """Make the newsroom once for the module, whose every test starts from it."""
    with kept_for_the_scope(django_db_blocker):
        with django_db_blocker.unblock():
            made = make_newsroom()
        yield made


@pytest.fixture
def newsroom(db, newsroom_made_once):
    """Return one object of every model the admin edits, as copies (a test may change them)."""
    # A sign-in deletes login attempts older than the cool-off (axes): made with the module,
    # the attempt would be gone from the tests that run over 15 minutes later on a slow run.
    AccessAttempt.objects.update(attempt_time=timezone.now())
    return copy.deepcopy(newsroom_made_once)


def make_newsroom() -> dict:
    """Return one object of every model the admin edits, the article with relations."""
    section = SectionFactory(slug="harbour")
    tag, person, image = TagFactory(slug="ferries"), PersonFactory(slug="ada-lee"), ImageFactory()
    article = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    article = write_article(
        article=article, fields={"headline": "Ferries run late"}, user=None, comment="Seed."
    )
    article.tags.add(tag)
    target = UserFactory(username="hostile-target", is_staff=True)
    api_key(target)
    AccessAttempt.objects.create(username="someone", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="someone", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1")
    group = Group.objects.create(name="Night desk")  # not a role: the test may rename it
    front = write_front(section=None, slots=[SlotChoice(article=article, place="lead", position=0)])
    Redirect.objects.create(old_path="/?p=1", article=article)
    ImportRun.objects.create(source="wordpress", file="imports/export.xml", report={})
    webhooks.create_endpoint(url="https://127.0.0.1/hooks", events=["article.published"])
    live.start_coverage(article=article, user=editor_user())
    live.post_entry(article=article, user=editor_user(), body="<p>Late.</p>", authors=[person])
    return {
        "front": front,
        "article": article,
        "tag": tag,
        "person": person,
        "image": image,
        "user": target,
        "group": group,
    }


def an_object(model, newsroom):
    """Return the object whose change form is tried: the newsroom's, else the latest row."""
    for obj in newsroom.values():
        if type(obj) is model:
            return obj
    return model._default_manager.order_by("-pk").first()


# What counts as an answer.


def assert_answered(response, door: str) -> None:
    assert response.status_code < 500, f"{door}: {response.status_code}"
    if 400 <= response.status_code < 500 and response.status_code not in (403, 404, 405):
        assert response.content.strip(), f"{door}: a {response.status_code} without a message"


def tried_values(longest: bool = True):
    """Yield (name, value) for every value, raw bytes included.

    Without `longest`, the million-character value is left out: a front web server refuses
    request lines that long (gunicorn at 4,094 bytes), and the search boxes try it anyway.
    """
    yield from ((k, v) for k, v in values.TEXT.items() if longest or k != values.LONGEST)
    yield from values.RAW.items()


# GET doors: search boxes, filters, sorting and paging, and autocompletes.


def query_doors(client, url: str, params: list[str]) -> int:
    """Ask `url` with hostile values in each parameter; return the requests made.

    Search boxes get every value; other parameters the values that differ for a filter.
    """
    tried = 0
    for param in params:
        chosen = [
            (name, value)
            for name, value in tried_values()
            if param in SEARCH_PARAMS or name in values.FOR_FILTERS or name in values.RAW
        ]
        for name, value in chosen:
            raw = value if isinstance(value, bytes) else value.encode("utf-8")
            query = f"{quote(param)}={quote(raw)}"
            assert_answered(client.get(url, QUERY_STRING=query), f"{url}?{param}= {name}")
        repeated = urlencode([(param, "1"), (param, "x")])
        assert_answered(client.get(url, QUERY_STRING=repeated), f"{url}?{param} twice")
        # Not percent-encoded at all, as a careless client might send them.
        raw = f"{param}=" + values.RAW["invalid UTF-8"].decode("latin-1")
        assert_answered(client.get(url, QUERY_STRING=raw), f"{url}?{param}= raw bytes")
        tried += len(chosen) + 2
    return tried


def filter_parameters(model, role_client) -> list[str]:
    """Return every query parameter the changelist's filters, search, sort and pages read."""
    ma = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = role_client.signed_in
    changelist = ma.get_changelist_instance(request)
    params = [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
    if ma.date_hierarchy:
        params += [f"{ma.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return [*params, "q", "o", "p", "all", "_to_field", "_popup"]


@pytest.mark.parametrize("label", MODELS)
def test_every_changelist_parameter_answers_hostile_values(newsroom, label):
    model = registered(label)
    client = client_for(role_for(model))
    before = row_counts()
    params = filter_parameters(model, client)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert query_doors(client, url, params) > 0
    assert row_counts() == before


def autocomplete_doors():
    """Return (model admin label, field) for every autocomplete field in the admin."""
    return [
        (model._meta.label, field) for model, ma in REGISTRY for field in ma.autocomplete_fields
    ] + [("articles.ArticleImage", "image")]


@pytest.mark.parametrize(("label", "field"), autocomplete_doors())
def test_every_autocomplete_answers_hostile_terms(newsroom, label, field):
    app_label, model_name = label.split(".")
    client = client_for(EDITOR)
    url = reverse("admin:autocomplete")
    base = {"app_label": app_label, "model_name": model_name.lower(), "field_name": field}
    for name, value in tried_values():
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        query = f"{urlencode(base)}&term={quote(raw)}&page={quote(raw)}"
        assert_answered(client.get(url, QUERY_STRING=query), f"autocomplete {field}: {name}")
    for key in base:
        for name, value in values.TEXT.items():
            query = urlencode({**base, key: value, "term": "a"})
            assert_answered(client.get(url, QUERY_STRING=query), f"autocomplete {key}: {name}")


@pytest.mark.parametrize("label", MODELS)
def test_object_addresses_answer_hostile_ids(newsroom, label):
    model = registered(label)
    client = client_for(role_for(model))
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pattern = reverse(f"{prefix}_change", args=["__id__"])
    for name, value in tried_values(longest=False):
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        for view in ("change", "history", "delete"):
            url = pattern.replace("__id__", quote(raw, safe="")).replace("/change/", f"/{view}/")
            assert_answered(client.get(url), f"{view} of id {name}")


# POST doors: the add and change forms, each field alone and all at once.


def post_form(client, url, form, names, value, encoding) -> object:
    pairs = [*form.with_value(names, value), ("_save", "Save")]
    if encoding == "multipart":
        return client.generic("POST", url, values.multipart(pairs), values.MULTIPART)
    return client.generic("POST", url, values.urlencoded(pairs), values.URLENCODED)


def form_door(client, url: str, door: str) -> int:
    """Post hostile values into the fields of the form at `url`; return the posts made.

    Every value goes into every field at once, URL-encoded and as multipart; then each field
    alone gets PER_FIELD values, taken in turn from the list so that each value lands in a
    share of the fields (every value in every field alone would take minutes per form).
    """
    page = client.get(url)
    if page.status_code != 200:
        return 0  # a form the role may not use (a read-only record) refuses by itself
    form = main_form(page.text)
    if form is None:
        return 0  # the page explains why there is nothing to do (a step not open now)
    every = list(tried_values())
    names = form.names()
    # The million characters go into the first field alone: in every field at once they
    # only meet the 2.5 MB body limit (a 413, tested in test_reproductions.py).
    tries = [(names, value, "urlencoded") for value in every if value[0] != values.LONGEST]
    tries += [
        (names if value[0] != values.LONGEST else names[:1], value, "multipart")
        for value in every
        if value[0] in MULTIPART_VALUES
    ]
    tries += [
        ([field], every[(i + turn * len(every) // PER_FIELD) % len(every)], "urlencoded")
        for i, field in enumerate(names)
        for turn in range(PER_FIELD)
    ]
    for fields, (name, value), encoding in tries:
        label = f"{door}: {fields if len(fields) == 1 else 'every field'} = {name} ({encoding})"
        before = row_counts()
        response = post_form(client, url, form, fields, value, encoding)
        assert_answered(response, label)
        if response.status_code in ACCEPTED:
            form = main_form(client.get(url).text)  # the page moves on after a save
            if form is None:
                break  # a workflow step taken: its form is gone with it
        else:
            assert row_counts() == before, f"{label}: refused, yet rows changed"
    return len(tries)


@pytest.mark.parametrize("label", MODELS)
def test_every_add_form_refuses_hostile_values_and_writes_nothing(newsroom, label):
    model = registered(label)
    client = client_for(role_for(model))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    form_door(client, url, f"add {label}")


@pytest.mark.parametrize("label", MODELS)
def test_every_change_form_refuses_hostile_values_and_writes_nothing(newsroom, label):
    model = registered(label)
    client = client_for(role_for(model))
    obj = an_object(model, newsroom)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    form_door(client, url, f"change {label}")


# The article admin's own pages.


@pytest.mark.parametrize("step", list(publishing.STEPS))
def test_every_workflow_step_form_answers_hostile_values(newsroom, step):
    client = client_for(EDITOR)
    article = newsroom["article"]
    url = reverse("admin:articles_article_transition", args=[article.pk, step])
    page = client.get(url)
    assert_answered(page, f"step {step}")
    if page.status_code == 200:
        form_door(client, url, f"step {step}")
    for name, value in values.TEXT.items():
        bad = reverse("admin:articles_article_transition", args=[article.pk, "x"]).replace(
            "/x/", f"/{quote(value, safe='')}/"
        )
        assert_answered(client.post(bad, {"note": value}), f"step named {name}")


def test_the_correction_form_answers_hostile_values(newsroom):
    client = client_for(EDITOR)
    article = newsroom["article"]
    publishing.publish(article=article, user=client.signed_in)
    url = reverse("admin:articles_article_correction", args=[article.pk])
    assert form_door(client, url, "correction") > 0


def test_history_restore_and_preview_answer_hostile_versions(newsroom):
    client = client_for(EDITOR)
    article = newsroom["article"]
    version = versions_of(article).first()
    history = reverse("admin:articles_article_history", args=[article.pk])
    for name, value in tried_values():
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        query = f"old={quote(raw)}&new={quote(raw)}"
        assert_answered(client.get(history, QUERY_STRING=query), f"history {name}")
    for view in ("restore", "preview"):
        url = reverse(f"admin:articles_article_{view}", args=[article.pk, version.pk])
        assert_answered(client.get(url), view)
        huge = url.replace(f"/{version.pk}/", f"/{'9' * 40}/")
        assert_answered(client.get(huge), f"{view} of a huge version id")
        assert_answered(client.post(huge), f"{view} of a huge version id")
    recover = reverse("admin:articles_article_recover", args=[1]).replace("/1/", f"/{'9' * 40}/")
    assert_answered(client_for(ADMINISTRATOR).get(recover), "recover a huge version id")


@pytest.mark.parametrize("fmt", ["text", "ninjs"])
def test_the_import_page_answers_hostile_copy_and_writes_nothing_it_refuses(newsroom, fmt):
    client = client_for(EDITOR)
    url = reverse("admin:articles_article_import")
    for name, value in [*tried_values(), *hostile_copy(fmt).items()]:
        text = value if isinstance(value, bytes) else value.encode("utf-8")
        for extra in ([], [("confirm", "1")]):
            before = row_counts()
            pairs = [("text", text), ("format", fmt), *extra]
            response = client.generic("POST", url, values.multipart(pairs), values.MULTIPART)
            assert_answered(response, f"import {fmt}: {name}")
            if response.status_code not in ACCEPTED:
                assert row_counts() == before, f"import {fmt}: {name}: refused, yet rows changed"
    form_door(client, url, f"import {fmt}")


def hostile_copy(fmt: str) -> dict[str, str]:
    """Return whole documents in the format whose fields carry the hostile values."""
    if fmt == "text":
        return {
            f"copy with {name}": f"{value}\n\nBy {value}\n\nHONG KONG — {value}\n"
            for name, value in values.TEXT.items()
        }
    from .test_import_command import ninjs_documents

    return ninjs_documents()


def test_the_image_picker_answers_hostile_searches(newsroom):
    client = client_for(EDITOR)
    assert query_doors(client, reverse("admin:images_image_picker"), ["q", "CKEditorFuncNum"])


@pytest.mark.parametrize("label", MODELS)
def test_every_bulk_action_answers_hostile_selections(newsroom, label):
    model = registered(label)
    client = client_for(role_for(model))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    request = RequestFactory().get(url)
    request.user = client.signed_in
    actions = [*admin.site._registry[model].get_actions(request), "no-such-action"]
    existing = str(an_object(model, newsroom).pk)
    for action in actions:
        for name, value in values.TEXT.items():
            data = {"action": action, "_selected_action": [value, existing], "index": value}
            before = row_counts()
            response = client.post(url, {**data, "target": value, "note": value})
            assert_answered(response, f"action {action}: {name}")
            assert row_counts() == before, f"action {action}: {name}: rows changed"
