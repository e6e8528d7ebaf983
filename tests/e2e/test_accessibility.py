"""Accessibility: axe-core's WCAG 2.1 A and AA rules on every public and every workspace page, in a real browser.

The pages are read from the URL configuration, so a new page is checked the moment it has a route. Path parameters
are filled with real objects: the seed strategy plus one object of every model (the `sample` of the permission
table). Not checked, on purpose: Django's own admin (/admin/, Django's pages, not ours), the OParl interface (JSON for
machines), /healthz, routes that answer only POST (archive, revert, delete, log out) and downloads (CSV, XLSX, PDF,
DOCX, JSON: each route's response is asked for its content type, only HTML is checked).

A violation fails the test with its rule, impact, element and page; rules are never switched off to get green.
"""

import time
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from accounts import roles
from projects.models import Project
from tests import factories
from tests.sample import url_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NOT_OURS = ("admin/", "oparl/", "healthz")
# HTML fragments fetched by a page's script, checked within that page (the project form's overlap check).
FRAGMENTS = {"projects:project-overlaps"}
LOGIN = "/konto/login/"
KNOWN_PUBLIC = {"/", "/projekte/", "/beteiligung/", "/gremien/", "/finanzen/", "/barrierefreiheit/", LOGIN}
KNOWN_DOWNLOADS = ("vorlage.pdf", "vorlage.docx", "strategie.json", "personen.csv", "export.csv/", "datenauskunft/")
KNOWN_WORKSPACE = {"/arbeitsbereich/", "/arbeitsbereich/projekte/", "/arbeitsbereich/prioritaeten/", "/uebersicht/"}

axe = Axe()


def routes(resolver=None, prefix="", namespace=""):
    """(name, route, pattern) of every URL pattern, the routes written out from the root."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern), pattern


def answers_get(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is None or ("get" in view_class.http_method_names and hasattr(view_class, "get"))


def page_routes():
    """The routes that may be HTML pages: ours, answering GET. Which are downloads, their answers tell."""
    return {
        name: (route, pattern)
        for name, route, pattern in routes()
        if not route.startswith(NOT_OURS) and name not in FRAGMENTS and answers_get(pattern)
    }


PAGE_ROUTES = page_routes()


def is_workspace(route):
    return route.startswith("arbeitsbereich/")


def public_arguments(sample):
    """Path parameters of the public pages, from the seed; the reset link is the project lead's."""
    strategy = sample["project"].strategy
    project = Project.objects.published().filter(strategy=strategy).order_by("number").first()
    lead = sample["lead"]
    return {
        "projects:public-goal": {"number": strategy.goals.order_by("number").first().number},
        "projects:public-actionfield": {"slug": project.action_field.slug},
        "projects:public-project-detail": {"slug": project.slug},
        "reports:public-paper": {"pk": sample["objects"]["finalised_paper"].pk},
        "password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(lead.pk)),
            "token": default_token_generator.make_token(lead),
        },
    }


def page_urls(sample):
    """Every page's URL: (public, for members), the latter the workspace and the pages outside it behind the login."""
    arguments = public_arguments(sample)
    public, members = [], []
    for name, (route, pattern) in sorted(PAGE_ROUTES.items()):
        url = reverse(name, kwargs=arguments[name]) if name in arguments else url_for(name, pattern, sample)
        (members if is_workspace(route) or needs_login(url) else public).append(url)
    return public, members


def needs_login(url):
    response = Client().get(url)
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def axe_violations(page):
    """Every element that breaks a WCAG 2.1 A/AA rule on the page, one line each."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = axe.run(page, options=options).response
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at {node['target']}: {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


class Checker:
    """One browser page: opens pages, runs axe on the HTML ones, keeps what it found."""

    def __init__(self, page, base_url):
        self.page, self.base_url = page, base_url
        self.checked, self.downloads, self.problems = [], [], []

    def visit(self, url, status=200):
        """Axe on the page at url; a download is noted, a page that does not answer status is a problem."""
        response = self.page.request.get(self.base_url + url)
        if response.status != status or (response.url.endswith(LOGIN) and url != LOGIN):
            self.problems.append(f"{url}: HTTP {response.status} at {response.url}")
        elif not response.headers.get("content-type", "").startswith("text/html"):
            self.downloads.append(url)
        else:
            self.page.goto(response.url)
            self.check()

    def check(self):
        """Axe on the page as it is now (after a submit, say)."""
        self.problems += axe_violations(self.page)
        self.checked.append(self.page.url.removeprefix(self.base_url))

    def assert_clean(self):
        assert self.checked, "no page was checked"
        assert not self.problems, f"{len(self.problems)} problems on {len(self.checked)} pages:\n" + "\n".join(
            self.problems
        )


@pytest.fixture
def checker(browser, live_server):
    """checker(user=None, **context options): a Checker in a new browser context, logged in as user."""
    contexts = []

    def make(user=None, **options):
        context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", **options)
        contexts.append(context)
        if user:
            client = Client()
            client.force_login(user)
            cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
            context.add_cookies([cookie])
        return Checker(context.new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def urls(sample):
    """The pages' URLs, the sample project filled so that its pages show every part: a published report, a done and
    an overdue milestone, a partner, measurements of its indicator."""
    project = sample["project"]
    factories.StatusReportFactory(project=project, traffic_light="amber", progress=30, achieved="Messeauftritt")
    factories.MilestoneFactory(project=project, due_date=date(2025, 3, 31), done_on=date(2025, 3, 20))
    factories.MilestoneFactory(project=project, due_date=date(2025, 9, 30))
    factories.ProjectPartnerFactory(project=project)
    for day, value in ((date(2025, 1, 31), 12), (date(2025, 6, 30), 18)):
        factories.MeasurementFactory(indicator=sample["objects"]["indicator"], measured_on=day, value=value)
    return page_urls(sample)


def test_the_page_list_holds_the_known_pages():
    routes_found = {"/" + route for route, _pattern in PAGE_ROUTES.values()}

    assert routes_found >= KNOWN_PUBLIC | KNOWN_WORKSPACE
    assert not any(route.startswith(("/admin/", "/oparl/")) for route in routes_found)
    assert len([route for route in routes_found if route.startswith("/arbeitsbereich/")]) > 80


def test_the_check_names_rule_impact_element_and_page_of_each_violation(page):
    page.set_content('<html><body><main><img src="plan.png"><a href="/"></a></main></body></html>')

    found = axe_violations(page)

    assert "about:blank: image-alt (critical) at ['img']: Images must have alternative text" in found
    assert any(line.startswith("about:blank: link-name (serious) at ['a']") for line in found)
    assert any(line.startswith("about:blank: html-has-lang (serious)") for line in found)


def test_every_public_page_passes_axe_for_anonymous_visitors(urls, checker):
    public, _members = urls
    visitor = checker()
    started = time.monotonic()
    for url in public:
        visitor.visit(url)
    print(f"axe: {len(visitor.checked)} public pages in {time.monotonic() - started:.1f} s")

    visitor.assert_clean()
    assert set(visitor.checked) >= KNOWN_PUBLIC
    assert visitor.downloads == ["/finanzen/export.csv/"]


def test_every_workspace_page_passes_axe_for_the_administrator(urls, checker, user_for_role):
    _public, members = urls
    admin = checker(user_for_role(roles.ADMIN))
    started = time.monotonic()
    for url in members:
        admin.visit(url)
    print(
        f"axe: {len(admin.checked)} workspace pages in {time.monotonic() - started:.1f} s; not HTML: {admin.downloads}"
    )

    admin.assert_clean()
    assert set(admin.checked) >= KNOWN_WORKSPACE
    assert all(any(url.endswith(name) for url in admin.downloads) for name in KNOWN_DOWNLOADS)
    assert len(admin.checked) > 80


def test_the_project_lead_and_the_committee_see_accessible_pages(sample, checker, user_for_role):
    project = sample["project"]
    pages = [reverse("reports:workspace"), reverse("projects:project-detail", args=[project.pk])]
    lead = checker(sample["lead"])
    member = checker(user_for_role(roles.COMMITTEE))
    for url in pages:
        lead.visit(url)
        member.visit(url)
    lead.visit(reverse("projects:statusreport-create", args=[project.pk]))

    lead.assert_clean()
    member.assert_clean()


def test_forms_showing_their_errors_pass_axe(sample, checker, user_for_role):
    visitor = checker()
    visitor.visit(LOGIN)
    visitor.page.get_by_role("button", name="Anmelden").click()
    expect(visitor.page.get_by_role("alert")).to_be_visible()
    visitor.check()

    admin = checker(user_for_role(roles.ADMIN))
    admin.visit(reverse("projects:project-create"))
    admin.page.get_by_role("button", name="Speichern").click()
    expect(admin.page.locator("#form-errors")).to_be_visible()
    admin.check()
    admin.page.locator("#id_title").fill("Vernetzung junger Start-ups mit dem Mittelstand")
    admin.page.get_by_role("button", name="Auf Überschneidungen prüfen").click()
    expect(admin.page.locator("#overlap-results li").first).to_be_visible()
    admin.check()
    admin.visit(reverse("projects:statusreport-review", args=[sample["objects"]["statusreport"].pk]))
    admin.page.get_by_role("button", name="Zurückgeben").click()
    expect(admin.page.locator(".invalid-feedback").first).to_be_visible()
    admin.check()

    visitor.assert_clean()
    admin.assert_clean()


def test_the_error_pages_pass_axe(sample, checker, user_for_role):
    visitor = checker()
    visitor.visit("/projekte/gibt-es-nicht/", status=404)
    member = checker(user_for_role(roles.COMMITTEE))
    member.visit(reverse("projects:project-update", args=[sample["project"].pk]), status=403)

    visitor.assert_clean()
    member.assert_clean()


def test_the_narrow_public_home_passes_axe(seeded, checker, shoot):
    phone = checker(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.visit("/")
    shoot("narrow-home", phone.page)
    phone.visit("/projekte/")
    shoot("narrow-project-list", phone.page)

    phone.assert_clean()
