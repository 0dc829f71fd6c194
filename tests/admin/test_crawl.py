"""Crawl the admin as each demo role: no page answers 5xx, and none refuses what the role may see.

Signed in as the demo Contributor, Editor and Administrator (the real groups), the crawl
follows every link, form, script and widget address from the desk (GET only, a few pages of
each URL shape), then opens every address of the article admin for an article in each stage.
Whether the role may see a page is asked of the page's own permission check (PAGE_CHECKS),
never of a list of roles: a page the role may see must not answer 403 or 404, and a page it
may not see must refuse (403, 404, or a redirect away).

Every named admin address must be reached through the pages themselves (or be listed in
UNLINKED with the reason): a new admin page that nothing leads to fails this test, and so
does one whose permission check PAGE_CHECKS does not know.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, resolve, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.admin.workflow import RENAMED_STEPS
from articles.models import Article
from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR, top_up_roles
from articles.services import policy, publishing
from articles.services.revisions import deleted_versions, versions_of
from articles.services.writing import write_article
from fronts.services import SlotChoice, write_front
from images.renditions import ensure_renditions
from live.services import post_entry, start_coverage
from moving.models import ImportRun, Redirect
from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_account
from tests.factories import (
    ImageFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
    api_key,
    authenticator_code,
)
from webhooks import services as webhooks
from webhooks.models import Delivery

# The crawl itself runs once for the module (the `crawled` fixture); the mark makes the
# test database exist for it.
pytestmark = pytest.mark.django_db
ACCOUNTS = {account.role: account for account in DEMO_ACCOUNTS}
# The articles the crawl meets: one in each stage by the contributor, and an editor's draft.
STAGES = ("draft", "review", "scheduled", "live", "unpublished", "another's draft")

ROLES = [CONTRIBUTOR, EDITOR, ADMINISTRATOR]
PER_SHAPE = 2  # pages opened per page name, with a query and without: a few of each
ADMIN_PATH = re.compile(r"/admin/[^\s\"'<>\\]*")
PLACEHOLDER = re.compile(r"__(fk|prefix)__")  # in the related-object widgets' URL templates
# A page the role may not see answers one of these: Django redirects to the index when an
# object is not among those the role may open.
REFUSED = {302, 403, 404}
# Named admin pages that nothing in the admin links to, each with the reason; the crawl
# still opens them directly.
# django-axes's sign-in records are read-only: their lists are linked and crawled, and an
# administrator unlocks by deleting records with the list's bulk action.
AXES_RECORD_PAGES = {
    f"axes_{model}_{view}": "django-axes records are read-only; unlocking is a bulk delete"
    for model in ("accessattempt", "accessfailurelog", "accesslog")
    for view in ("add", "change", "delete", "history")
}
UNLINKED = {
    **AXES_RECORD_PAGES,
    "moving_importrun_start": "the checked import's Import now button posts to it; a GET "
    "goes back to the list of imports",
    "accounts_auditentry_add": "the audit log is written by the product, never by hand",
    "accounts_auditentry_delete": "audit entries leave only by the retention (prune_audit_log)",
    "accounts_apitoken_delete": "a token is revoked (a bulk action), never deleted",
    "password_change_done": "shown after a password change, which is a POST",
    "articles_article_revision": "django-reversion's own address for a revision; it shows "
    "the same preview as the history page's Preview links",
    "live_livecoverage_delete": "live coverage is ended, never deleted",
    "live_entry_add": "entries are posted from their live article's composer",
}


# What the pages lead to.


class Routes(HTMLParser):
    """Collect the admin addresses a page leads to: links, forms, scripts, frames, widgets."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value and (name in ("href", "src", "action") or name.startswith("data-")):
                self.found += ADMIN_PATH.findall(value) if name.startswith("data-") else [value]
        if tag == "select" and values.get("data-ajax--url"):
            self.found.append(autocomplete_url(values))

    @classmethod
    def of(cls, base: str, html: str) -> list[str]:
        parser = cls()
        parser.feed(html)
        urls = (urljoin(base, found).split("#")[0] for found in parser.found)
        return [url for url in urls if is_admin_page(url)]


def is_admin_page(url: str) -> bool:
    """Return True for an admin address, not for a template the widgets' scripts fill in."""
    return urlsplit(url).path.startswith("/admin/") and not PLACEHOLDER.search(url)


def autocomplete_url(select: dict) -> str:
    """Return the address an autocomplete widget asks for its choices."""
    query = {
        "term": "",
        "app_label": select.get("data-app-label", ""),
        "model_name": select.get("data-model-name", ""),
        "field_name": select.get("data-field-name", ""),
    }
    return f"{select['data-ajax--url']}?{urlencode(query)}"


def shape(url: str) -> tuple[str, bool]:
    """Return a URL's shape: its admin page's name, and whether it carries a query."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    return (match.url_name or match.route, bool(parts.query))


# Whether the role may see a page: the page's own check, found from the view behind it.


def owner_and_view(match):
    """Return the admin (site or model admin) and the method behind a resolved admin URL."""
    view = match.func
    while not hasattr(view, "__self__") and hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return getattr(view, "__self__", None), view.__name__


def target(model_admin, request, match):
    """Return the object a page is about, as the page itself looks it up, or None."""
    object_id = match.kwargs.get("object_id") or match.kwargs.get("id")
    if object_id is None and match.args and match.url_name.endswith("revision"):
        object_id = match.args[0]
    return model_admin.get_object(request, unquote(object_id)) if object_id else None


def sees_object(model_admin, request, obj) -> bool:
    return obj is not None and model_admin.has_view_or_change_permission(request, obj)


def may_take_step(model_admin, request, obj, match) -> bool:
    name = match.kwargs["transition"]
    if name in RENAMED_STEPS:
        return True  # it only redirects to the step's own address, which is judged too
    step = publishing.STEPS.get(name)
    return bool(step and obj and sees_object(model_admin, request, obj)) and step.allows(
        request.user, obj
    )


def may_recover(model_admin, request, obj, match) -> bool:
    return policy.can_edit_any(request.user) and model_admin.has_add_permission(request)


# Each admin view's own permission check, by the view's name.
PAGE_CHECKS = {
    "changelist_view": lambda ma, request, obj, match: ma.has_view_or_change_permission(request),
    "add_view": lambda ma, request, obj, match: ma.has_add_permission(request),
    # Imports: "Import now" on a checked import, for those who may add imports.
    "start_import": lambda ma, request, obj, match: ma.has_add_permission(request),
    "change_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "history_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "delete_view": lambda ma, request, obj, match: (
        sees_object(ma, request, obj) and ma.has_delete_permission(request, obj)
    ),
    "user_change_password": lambda ma, request, obj, match: (
        obj is not None and ma.has_change_permission(request, obj)
    ),
    "transition_view": may_take_step,
    "correction_view": lambda ma, request, obj, match: (
        sees_object(ma, request, obj) and ma._can_correct(request, obj)
    ),
    "restore_view": lambda ma, request, obj, match: (
        sees_object(ma, request, obj) and ma.has_change_permission(request, obj)
    ),
    "preview_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "revision_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "form_preview_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "reader_view": lambda ma, request, obj, match: sees_object(ma, request, obj),
    "recoverlist_view": may_recover,
    "recover_view": may_recover,
    "import_view": lambda ma, request, obj, match: ma.has_add_permission(request),
    "picker_view": lambda ma, request, obj, match: ma.has_view_permission(request),
    # Webhooks: the delivery log for those who may view endpoints; its buttons (a test
    # event, redelivery, a new secret) for those who may change them.
    "deliveries_view": lambda ma, request, obj, match: ma.has_view_permission(request),
    "test_view": lambda ma, request, obj, match: ma.has_change_permission(request),
    "redeliver_view": lambda ma, request, obj, match: ma.has_change_permission(request),
    "rotate_view": lambda ma, request, obj, match: ma.has_change_permission(request),
    "autosave_view": lambda ma, request, obj, match: (
        sees_object(ma, request, obj) and ma.has_change_permission(request, obj)
    ),
    # Live coverage's composer, End coverage and Pin: the article's edit rule.
    "post_view": lambda ma, request, obj, match: may_write_live(request, obj),
    "end_view": lambda ma, request, obj, match: may_write_live(request, obj),
    "pin_view": lambda ma, request, obj, match: may_write_live(request, obj),
}


def may_write_live(request, obj) -> bool:
    return obj is not None and policy.can_edit(request.user, obj.article)


def may_see_site_page(site, request, name: str, match) -> bool:
    """Return whether a page of the admin site itself is open to `request.user`."""
    if name == "app_index":
        return any(
            app["app_label"] == match.kwargs["app_label"] for app in site.get_app_list(request)
        )
    if name == "autocomplete_view":
        return may_autocomplete(site, request)
    return request.user.is_staff


def may_autocomplete(site, request) -> bool:
    view = AutocompleteJsonView(admin_site=site)
    try:
        _term, view.model_admin, _field, _to_field = view.process_request(request)
    except (PermissionDenied, Http404):
        return False
    return view.has_perm(request)


def may_see(user, url: str) -> bool:
    """Return whether `user` may see the page at `url`, by the page's own permission check."""
    match = resolve(urlsplit(url).path)
    request = RequestFactory().get(url)
    request.user = user
    owner, name = owner_and_view(match)
    if owner is None or isinstance(owner, admin.AdminSite):
        return may_see_site_page(admin.site, request, name, match)
    assert name in PAGE_CHECKS, f"{match.url_name}: tell PAGE_CHECKS which check guards {name}"
    return PAGE_CHECKS[name](owner, request, target(owner, request, match), match)


# The crawl.


@dataclass
class Visit:
    url: str
    status: int
    name: str


def crawl(client, start: str) -> list[Visit]:
    """Open every admin page reachable from `start` (GET only), a few of each shape."""
    queue, seen, shapes, visits = [start], set(), Counter(), []
    while queue:
        url = queue.pop(0)
        if url in seen or shapes[shape(url)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        visits.append(Visit(url, response.status_code, shape(url)[0]))
        if response.status_code in (301, 302, 307, 308):
            queue.append(urljoin(url, response["Location"]))
        elif "html" in response.get("Content-Type", ""):
            queue += Routes.of(url, response.content.decode())
    return [visit for visit in visits if urlsplit(visit.url).path.startswith("/admin/")]


def open_all(client, urls: list[str]) -> list[Visit]:
    return [Visit(url, client.get(url).status_code, shape(url)[0]) for url in urls]


# Every address of the article admin, for an article in each stage.


def pattern_params(pattern: URLPattern) -> list[str]:
    """Return the names of a URL pattern's parameters, in order."""
    regex = pattern.pattern.regex
    names = sorted(regex.groupindex, key=regex.groupindex.get)
    if regex.groups > len(names):  # django-reversion's unnamed groups
        return {"articles_article_revision": ["object_id", "version_id"]}.get(
            pattern.name, ["deleted_version_id"]
        )
    return names


def article_urls(articles: list[Article]) -> list[str]:
    """Return every named address of the article admin, filled in for each article."""
    deleted = deleted_versions().first()
    urls = []
    for pattern in admin.site._registry[Article].get_urls():
        params = pattern_params(pattern) if pattern.name else None
        if params is None:
            continue  # unnamed: the redirect from an article's bare address to its page
        for args in arguments(params, articles, deleted):
            urls.append(reverse(f"admin:{pattern.name}", args=args))
    return sorted(set(urls))


def arguments(params: list[str], articles: list[Article], deleted) -> list[list]:
    """Return the argument lists that fill `params` for each article (and each step)."""
    if not params:
        return [[]]
    if params == ["deleted_version_id"]:
        return [[deleted.pk]]
    rows = []
    for article in articles:
        version = versions_of(article).first()
        values = {"object_id": [article.pk], "version_id": [version.pk]}
        values["transition"] = [*publishing.STEPS, *RENAMED_STEPS]
        assert set(params) <= set(values), f"tell the crawl how to fill {params}"
        combos = [[]]
        for param in params:
            combos = [[*combo, value] for combo in combos for value in values[param]]
        rows += combos
    return rows


def named_admin_patterns(patterns=None) -> set[str]:
    """Return the name of every named admin URL pattern."""
    names = set()
    for pattern in patterns if patterns is not None else admin.site.get_urls():
        if isinstance(pattern, URLResolver):
            names |= named_admin_patterns(pattern.url_patterns)
        elif pattern.name:
            names.add(pattern.name)
    return names


# The newsroom the crawl walks through, and the crawl itself, made once for the module.


def demo_account(role: str):
    """Return the demo account of `role`, made as `manage.py seed` makes it."""
    top_up_roles()
    ensure_demo_account(ACCOUNTS[role])
    return get_user_model().objects.get(username=ACCOUNTS[role].username)


def write(headline: str, user, section) -> Article:
    fields = {
        "headline": headline,
        "slug": headline.lower().replace(" ", "-"),
        "standfirst": "What changes and when.",
        "body": "<p>The ferry operator said the routes would change.</p>",
        "section": section,
        "created_by": user,
    }
    return write_article(fields=fields, user=user, comment="Written for the crawl")


def make_newsroom() -> dict[str, Article]:
    """Make an article in every stage, by the demo contributor, another's draft, a deleted one."""
    contributor, editor = demo_account(CONTRIBUTOR), demo_account(EDITOR)
    section = SectionFactory(name="Harbour")
    PersonFactory(), TagFactory()
    api_key(demo_account(ADMINISTRATOR))
    ensure_renditions(ImageFactory())
    stages = {"draft": write("Ferry routes change", contributor, section)}
    submitted = write("Piers to close for repairs", contributor, section)
    stages["review"] = publishing.submit_for_review(article=submitted, user=contributor)
    later = timezone.now() + timedelta(days=1)
    scheduled = write("Night sailings return", contributor, section)
    # The crawl's articles carry no byline or picture: the editor publishes them anyway.
    stages["scheduled"] = publishing.publish(article=scheduled, user=editor, at=later, anyway=True)
    live = write("Fares rise in May", contributor, section)
    stages["live"] = publishing.publish(article=live, user=editor, anyway=True)
    publishing.add_correction(article=stages["live"], user=editor, text="The fares rise in May.")
    gone = publishing.publish(
        article=write("Old terminal closes", contributor, section), user=editor, anyway=True
    )
    stages["unpublished"] = publishing.unpublish(article=gone, user=editor)
    stages["another's draft"] = write("Harbour budget leaks", editor, section)
    write("Withdrawn story", editor, section).delete()
    write_front(section=None, slots=[SlotChoice(article=stages["live"], place="lead")])
    start_coverage(article=stages["live"], user=editor)
    post_entry(article=stages["live"], user=editor, body="<p>Fares rise at noon.</p>")
    Redirect.objects.create(old_path="/?p=1", article=stages["live"])
    ImportRun.objects.create(source="wordpress", file="imports/export.xml", report={})
    endpoint, _ = webhooks.create_endpoint(url="https://127.0.0.1/", events=["article.updated"])
    Delivery.objects.filter(pk=webhooks.send_test(endpoint=endpoint).pk).update(state="failed")
    assert tuple(stages) == STAGES
    return stages


@dataclass
class RoleCrawl:
    """What one role met: pages reached through the admin, and the pages that went wrong."""

    reached: set[str]
    opened: set[str]
    failures: list[str]


def unlinked_urls() -> list[str]:
    names = named_admin_patterns() & (set(UNLINKED) - set(AXES_RECORD_PAGES))
    return [unlinked_url(name) for name in names if "article" not in name]


def unlinked_url(name: str) -> str:
    """Return the address of an unlinked page; an object's page for the model's latest row."""
    try:
        return reverse(f"admin:{name}")
    except NoReverseMatch:
        model = next(
            model
            for model in admin.site._registry
            if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_")
        )
        return reverse(f"admin:{name}", args=[model._default_manager.latest("pk").pk])


def judge(user, visits: list[Visit]) -> list[str]:
    """Return each visit that failed, refused a page `user` may see, or showed one they may not."""
    failures = []
    for visit in visits:
        allowed = may_see(user, visit.url)
        if visit.status >= 500 or (allowed and visit.status in (403, 404)):
            failures.append(f"{visit.status} {visit.url} (may see: {allowed})")
        elif not allowed and visit.status not in REFUSED:
            failures.append(f"{visit.status} {visit.url} (should refuse)")
    return failures


def sign_in_with_two_factors(client, user) -> None:
    """Sign in as a person does with two-factor sign-in on: password, then an app's code."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client.post(reverse("admin:login"), {"username": user.username, "password": DEMO_PASSWORD})
    verified = client.post(reverse("accounts:verify"), {"code": authenticator_code(device)})
    assert verified.status_code == 302, "the second factor was not taken"


def crawl_as(client, user, articles: list[Article]) -> RoleCrawl:
    sign_in_with_two_factors(client, user)
    reached = crawl(client, reverse("admin:index"))
    opened = open_all(client, article_urls(articles) + unlinked_urls())
    client.logout()
    return RoleCrawl(
        reached={visit.name for visit in reached},
        opened={visit.url for visit in opened},
        failures=judge(user, reached + opened),
    )


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker) -> dict[str, RoleCrawl]:
    """Crawl once as a visitor and as each role, in a transaction rolled back at the end.

    Every role must sign in with a second factor, so the crawl sees what two-factor staff see.
    """
    every_role = override_settings(REQUIRE_2FA_ROLES=ROLES)
    with django_db_blocker.unblock(), transaction.atomic(), every_role:
        client = Client()
        articles = list(make_newsroom().values())
        anonymous = {visit.name for visit in crawl(client, reverse("admin:index"))}
        result = {role: crawl_as(client, demo_account(role), articles) for role in ROLES}
        result["anonymous"] = RoleCrawl(reached=anonymous, opened=set(), failures=[])
        transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_page_fails_or_refuses_what_the_role_may_see(crawled, role):
    assert "\n".join(crawled[role].failures) == ""


def test_the_crawl_opens_every_step_and_preview_of_an_article_in_each_stage(crawled):
    opened = crawled[EDITOR].opened
    transitions = {url for url in opened if "/workflow/" in url}
    previews = {url for url in opened if resolve(url).url_name == "articles_article_form_preview"}
    stages = len(STAGES)
    assert len(transitions) == stages * (len(publishing.STEPS) + len(RENAMED_STEPS))
    assert len(previews) == stages


def test_every_admin_page_is_reached_through_the_admin_itself(crawled):
    reached = set().union(*(crawl.reached for crawl in crawled.values()))
    named = set(UNLINKED) - set(AXES_RECORD_PAGES)
    assert named <= named_admin_patterns(), "UNLINKED names a page that is gone"
    assert named_admin_patterns() - reached - set(UNLINKED) == set()
