"""The leak test: one person who may not be named publicly and one internal project, each with strings found nowhere
else, and a crawl of every channel that leaves the portal (tests/leak_crawl.py).

Anonymous: every public page and what it links, every route without parameters, the whole OParl system following its
URLs, the public exports, the published paper's files and attachments, the searches and error pages. None of them may
name the person or show anything of the internal project. The committee: the workspace, the exports, the dashboard,
the papers and the histories. It may read the person's name and the internal project, never contact data, notes or
consent. Controls make sure the crawl reached the places where the strings would be."""

import datetime
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import roles
from reports.services import finalise_paper
from stakeholders.models import Body, Organisation, Person
from tests import factories
from tests.leak_crawl import Crawl, with_query

NAME = "Quirinus Leckwitz"
PERSON_PRIVATE = {
    "e-mail": "quirinus.leckwitz@example.org",
    "phone": "+49 7141 987654321",
    "notes": "Notiz-Geheim-Zebra",
    "consent scope": "Newsletter-Tangerine",
}
PERSON = {"name": NAME, "public function": "Funktion-Kumquat-Lemur", **PERSON_PRIVATE}
INTERNAL_TITLE = "Geheimprojekt Xylophon"
INTERNAL_PROJECT = {
    "internal project": INTERNAL_TITLE,
    "its summary": "Zusammenfassung-Quitte-Okapi",
    "its status report": "Sachstand-Marzipan-Gnu",
    "its milestone": "Meilenstein-Pistazie-Wal",
    "its indicator": "Kennzahl-Zimt-Lama",
    "its partner's role": "Partnerrolle-Kardamom-Ibis",
    "its expenditure": "Ausgabe-Lakritz-Tukan",
    "its document": "Dokument-Lavendel-Yak",
    "its overlap note": "Synergie-Holunder-Dachs",
}
PUBLIC_FIGURE = "Dietmar Allgaier"  # the seed's Landrat, a public figure
CONSENTING = "Konstanze Einverstanden"  # a consent that covers publication: named publicly
PAPER_TITLE = "Sachstandsbericht Leckprobe"

# Routes that need no parameters but are not pages to read: POST-only or the log-out.
NOT_PAGES = {"logout"}


@pytest.fixture
def leak_site(seeded, settings, tmp_path):
    """The seed strategy, the person who may not be named publicly (a seat in a body that meets, responsible for a
    published and an internal project, changed once so that the history holds personal data), the internal project
    with a partner, milestone, indicator, published status report, allocation, expenditure, document and an overlap
    with a published project, and a paper finalised after all of them, with an attachment."""
    settings.MEDIA_ROOT = tmp_path
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    strategy = seeded
    organisation = Organisation.objects.order_by("pk").first()
    person = Person.objects.create(
        name=NAME,
        public_function=PERSON["public function"],
        organisation=organisation,
        email=PERSON["e-mail"],
        phone="+49 7141 1",
        consent_date=datetime.date(2025, 3, 1),
        consent_scope=PERSON["consent scope"],
        consent_covers_publication=False,
        public_figure=False,
    )
    person.phone, person.notes = PERSON["phone"], PERSON["notes"]
    person.save()
    consenting = Person.objects.create(
        name=CONSENTING,
        organisation=organisation,
        consent_date=datetime.date(2025, 3, 1),
        consent_scope="Veröffentlichung im Portal und in den offenen Daten",
        consent_covers_publication=True,
    )
    body = Body.objects.get(memberships__person__name=PUBLIC_FIGURE)
    membership = factories.MembershipFactory(body=body, person=person, organisation=organisation)
    factories.MembershipFactory(body=body, person=consenting)
    meeting = factories.MeetingFactory(body=body, is_public=True, title="Sitzung Frühjahr")

    published = strategy.projects.get(number=1)
    published.responsible_person = person
    published.save()
    internal = factories.ProjectFactory(
        strategy=strategy,
        number=100,
        title=INTERNAL_TITLE,
        slug="interner-versuch-7",
        summary=INTERNAL_PROJECT["its summary"],
        visibility="internal",
        status="implementation",
        action_field=published.action_field,
        responsible_person=person,
    )
    factories.ProjectPartnerFactory(
        project=internal, organisation=organisation, role=INTERNAL_PROJECT["its partner's role"]
    )
    factories.MilestoneFactory(project=internal, title=INTERNAL_PROJECT["its milestone"])
    factories.IndicatorFactory(project=internal, name=INTERNAL_PROJECT["its indicator"])
    report = factories.StatusReportFactory(
        project=internal, state="published", achieved=INTERNAL_PROJECT["its status report"]
    )
    line = strategy.budget_lines.get(year=2025)
    factories.AllocationFactory(project=internal, budget_line=line, amount=Decimal("2000.00"))
    expenditure = factories.ExpenditureFactory(
        project=internal, budget_line=line, amount=Decimal("500.00"), purpose=INTERNAL_PROJECT["its expenditure"]
    )
    document = factories.DocumentFactory(project=internal, title=INTERNAL_PROJECT["its document"])
    factories.ProjectLinkFactory(project=published, linked_project=internal, note=INTERNAL_PROJECT["its overlap note"])

    admin = factories.UserFactory()
    roles.set_roles(admin, [roles.ADMIN])
    paper = factories.CommitteePaperFactory(strategy=strategy, title=PAPER_TITLE)
    committee = Body.objects.filter(kind=Body.Kind.COUNCIL_COMMITTEE).order_by("pk").first()
    factories.ConsultationFactory(paper=paper, body=committee, meeting_date=meeting.date, is_public=True)
    attachment = factories.PaperAttachmentFactory(paper=paper, with_file=True)
    paper = finalise_paper(paper=paper, user=admin)
    return {
        "person": person,
        "membership": membership,
        "meeting": meeting,
        "published": published,
        "internal": internal,
        "report": report,
        "expenditure": expenditure,
        "document": document,
        "paper": paper,
        "attachment": attachment,
    }


def routes_without_parameters():
    """The URL of every route of the URL configuration that needs no parameter (Django's admin left out)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name != "admin":
                    yield from walk(
                        pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                    )
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
                yield f"{prefix}{pattern.name}"

    return [reverse(name) for name in walk(get_resolver().url_patterns, "") if name not in NOT_PAGES]


def searches(needles):
    """The select lists' search and the public project list's filter, asked for each word of the needles."""
    words = sorted({word for needle in needles for word in needle.replace("@", " ").replace("-", " ").split()})
    urls = []
    for word in words:
        urls.append(with_query(reverse("projects:public-project-list"), suche=word))
        urls.append(with_query(reverse("projects:project-list"), search=word))
        for label in ("stakeholders.person", "projects.project", "stakeholders.organisation"):
            urls.append(with_query(reverse("choices", args=[label]), q=word))
    return urls


def papers_files(objects):
    paper, attachment = objects["paper"], objects["attachment"]
    return [
        reverse("oparl:paper", args=[paper.pk]),
        reverse("oparl:paper-pdf", args=[paper.pk]),
        reverse("oparl:paper-docx", args=[paper.pk]),
        reverse("oparl:file", args=[paper.pk, "pdf"]),
        reverse("oparl:file", args=[paper.pk, "docx"]),
        reverse("oparl:attachment-file", args=[attachment.pk]),
        reverse("oparl:attachment-download", args=[attachment.pk]),
    ]


def the_objects_pages(objects):
    """The pages of the distinctive objects, public and in the workspace, whatever the cap per route."""
    person, internal = objects["person"], objects["internal"]
    urls = [
        reverse("projects:public-project-detail", args=[objects["published"].slug]),
        reverse("projects:public-project-detail", args=[internal.slug]),
        reverse("projects:public-actionfield", args=[internal.action_field.slug]),
        reverse("projects:actionfield-detail", args=[internal.action_field.pk]),
        reverse("oparl:person", args=[person.pk]),
        reverse("oparl:membership", args=[objects["membership"].pk]),
        reverse("oparl:meeting", args=[objects["meeting"].pk]),
        reverse("projects:project-detail", args=[internal.pk]),
        reverse("projects:project-detail", args=[objects["published"].pk]),
        reverse("projects:statusreport-detail", args=[objects["report"].pk]),
        reverse("projects:document-detail", args=[objects["document"].pk]),
        reverse("projects:document-download", args=[objects["document"].pk]),
        reverse("budget:expenditure-detail", args=[objects["expenditure"].pk]),
        reverse("stakeholders:person-detail", args=[person.pk]),
        reverse("stakeholders:body-detail", args=[objects["membership"].body_id]),
        reverse("stakeholders:meeting-detail", args=[objects["meeting"].pk]),
        reverse("reports:committeepaper-detail", args=[objects["paper"].pk]),
        reverse("reports:committeepaper-preview", args=[objects["paper"].pk]),
        reverse("reports:committeepaper-pdf", args=[objects["paper"].pk]),
        reverse("reports:committeepaper-docx", args=[objects["paper"].pk]),
        reverse("reports:persons-export", args=["csv"]),
        reverse("reports:persons-export", args=["xlsx"]),
        reverse("budget:public-finances-export", args=["csv"]),
        reverse("budget:public-finances-export", args=["xlsx"]),
    ]
    for record in person.history.all():
        urls.append(reverse("stakeholders:person-revert", args=[person.pk, record.history_id]))
    for record in internal.history.all():
        urls.append(reverse("projects:project-revert", args=[internal.pk, record.history_id]))
    return urls


def crawl(client, objects, *starts):
    site = Crawl(client)
    site.visit(*starts, *routes_without_parameters(), *the_objects_pages(objects), *papers_files(objects))
    for url in searches([*PERSON.values(), *INTERNAL_PROJECT.values()]):
        site.get(url)
    return site


def pages(site):
    """How many answers had content (200), not counting redirects to the login and refusals."""
    return sum(answer.status == 200 for answer in site.answers.values())


def statuses(site, prefix):
    return {site.answers[url].status for url in site.urls_of(prefix)}


def test_no_anonymous_channel_names_the_person_or_shows_the_internal_project(client, leak_site):
    site = crawl(client, leak_site, "/", reverse("oparl:system"))

    internal_page = reverse("projects:public-project-detail", args=[leak_site["internal"].slug])
    paper_pdf = reverse("oparl:paper-pdf", args=[leak_site["paper"].pk])
    missing = [
        control
        for control, reached in {
            "at least 90 pages and files": pages(site) >= 90,
            "the OParl person list": 200 in statuses(site, reverse("oparl:person-list")),
            "the OParl paper list": 200 in statuses(site, reverse("oparl:paper-list")),
            "the public figure named": bool(site.found({"public figure": PUBLIC_FIGURE})),
            "the consenting person named": bool(site.found({"consenting": CONSENTING})),
            "the published project's page": bool(site.found({"published": leak_site["published"].title})),
            "the paper's PDF read": PAPER_TITLE in site.answers[paper_pdf].text,
            "the public finances as XLSX read": "Planansatz"
            in site.answers[reverse("budget:public-finances-export", args=["xlsx"])].text,
            "the internal project's page answers 404": site.answers[internal_page].status == 404,
        }.items()
        if not reached
    ]
    assert missing == [], f"the crawl did not reach: {missing}"
    leaks = site.found({**PERSON, **INTERNAL_PROJECT})
    assert leaks == [], "\n".join(["leaked to the public:", *leaks])
    assert site.linking(internal_page) == set(), "a public page links the internal project"
    assert site.linking(reverse("oparl:person", args=[leak_site["person"].pk])) == set(), "OParl links the person"


def test_no_committee_channel_shows_the_persons_contact_data_notes_or_consent(client, leak_site):
    member = factories.UserFactory()
    roles.set_roles(member, [roles.COMMITTEE])
    client.force_login(member)
    site = crawl(
        client, leak_site, reverse("reports:workspace"), reverse("reports:exports"), reverse("reports:dashboard")
    )

    missing = [
        control
        for control, reached in {
            "at least 300 pages and files": pages(site) >= 300,
            "the internal project": bool(site.found({"internal": INTERNAL_TITLE})),
            "the person's name": bool(site.found({"name": NAME})),
            "the person's page": site.answers[
                reverse("stakeholders:person-detail", args=[leak_site["person"].pk])
            ].status
            == 200,
            "the strategy document": site.answers[reverse("exchange:strategy-document")].status == 200,
            "an XLSX export": any(answer.text and url.endswith("xlsx") for url, answer in site.answers.items()),
        }.items()
        if not reached
    ]
    assert missing == [], f"the crawl did not reach: {missing}"
    leaks = site.found(PERSON_PRIVATE)
    assert leaks == [], "\n".join(["leaked to the committee:", *leaks])
