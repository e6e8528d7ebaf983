"""One object for every route of the URL configuration: the seed strategy and a few rows made by factories around
it (the fixtures `sample` and `table_sample` in tests/conftest.py). The permission table walks every route with it,
the browser tests every page."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import roles
from budget.models import CarryOver
from reports.services import finalise_paper
from stakeholders.models import Body, Organisation, ParticipationEvent
from tests import factories

# The objects and query a variant uses instead of the sample's (see the keys "route[variant]" in TABLE).
VARIANTS = {
    "internal": {"project": "internal_project"},
    "published": {"statusreport": "published_report"},
    "return": {},
    "finalised": {"committeepaper": "finalised_paper", "paperattachment": "finalised_attachment"},
    "persons": {"label": "stakeholders.person"},
}

# The first part of a route name that is not the name of its object's model.
MODEL_OF = {
    "location": "meeting",
    "paper": "committeepaper",
    "file": "committeepaper",
    "attachment": "paperattachment",
    "public": "committeepaper",  # the public paper page; the other public pages take slugs and numbers
}


def make_sample(strategy):
    """An object for every route: the seed strategy, its project 1 assigned to one project lead (project 2 to
        another), a submitted and a published status report on it, a draft and a finalised committee paper with a file
    attached to each."""
    lead, other_lead = lead_user(), lead_user()
    project = strategy.projects.get(number=1)
    project.project_leads.add(lead)
    strategy.projects.get(number=2).project_leads.add(other_lead)
    internal = factories.ProjectFactory(
        strategy=strategy, number=100, visibility="internal", action_field=project.action_field
    )
    internal.project_leads.add(lead)
    line = strategy.budget_lines.get(year=2025)
    body = Body.objects.filter(memberships__person__isnull=False).order_by("pk").first()
    meeting = factories.MeetingFactory(body=body, is_public=True, location="Landratsamt Ludwigsburg")
    finalised = factories.CommitteePaperFactory(strategy=strategy)
    factories.ConsultationFactory(paper=finalised, body=body, meeting_date=meeting.date, is_public=True)
    finalised_attachment = factories.PaperAttachmentFactory(paper=finalised, with_file=True)
    draft = factories.CommitteePaperFactory(strategy=strategy)
    objects = {
        "project": project,
        "internal_project": internal,
        # Submitted by the lead: the lead may still edit it, the office may review it.
        "statusreport": factories.StatusReportFactory(project=project, author=lead, state="submitted"),
        "published_report": factories.StatusReportFactory(project=project, author=lead, state="published"),
        "indicator": factories.IndicatorFactory(project=project),
        "projectlink": factories.ProjectLinkFactory(project=project, linked_project=strategy.projects.get(number=3)),
        "document": factories.DocumentFactory(project=project),
        "strategy": strategy,
        "phase": strategy.phases.first(),
        "strategicgoal": strategy.goals.first(),
        "actionfield": project.action_field,
        "finding": strategy.findings.first(),
        "externalinitiative": factories.ExternalInitiativeFactory(strategy=strategy),
        "budgetline": line,
        "carryover": CarryOver.objects.create(
            origin=strategy.budget_lines.get(year=2027), target=strategy.budget_lines.get(year=2028), amount=0
        ),
        "allocation": factories.AllocationFactory(project=project, budget_line=line),
        "expenditure": factories.ExpenditureFactory(project=project, budget_line=line),
        "externalfunding": factories.ExternalFundingFactory(project=project),
        "committeepaper": draft,
        "paperattachment": factories.PaperAttachmentFactory(paper=draft, with_file=True),
        "finalised_paper": finalise_paper(paper=finalised, user=lead),
        "finalised_attachment": finalised_attachment,
        "consultation": finalised.consultations.get(),
        "organisation": Organisation.objects.order_by("pk").first(),
        "person": body.memberships.filter(person__isnull=False).first().person,
        "membership": body.memberships.filter(person__isnull=False).first(),
        "body": body,
        "meeting": meeting,
        "legislativeterm": factories.LegislativeTermFactory(),
        "participationevent": ParticipationEvent.objects.order_by("pk").first(),
        # The user the user pages show; never logged in, so that a password reset link made for them stays valid.
        "user": factories.UserFactory(),
    }
    return {"lead": lead, "other_lead": other_lead, "project": project, "objects": objects}


def lead_user():
    user = factories.UserFactory()
    roles.set_roles(user, [roles.PROJECT_LEAD])
    return user


def sessions_of_the_table(sample):
    """{column: session key} of the table's users, made as the portal makes them (roles.set_roles)."""
    users = {}
    for role in (roles.COMMITTEE, roles.EDITOR, roles.ADMIN):
        users[role] = factories.UserFactory()
        roles.set_roles(users[role], [role])
    users["lead (own project)"], users["lead (other project)"] = sample["lead"], sample["other_lead"]
    keys = {"anonymous": None}
    for label in (roles.COMMITTEE, roles.EDITOR, "lead (own project)", "lead (other project)", roles.ADMIN):
        client = Client()
        client.force_login(users[label])
        keys[label] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def url_for(name, pattern, sample, variant=None):
    """The route's URL with the sample's objects (or a variant's) for its path parameters."""
    choice = VARIANTS.get(variant, {})
    objects = dict(sample["objects"])
    objects.update((key, objects[value]) for key, value in choice.items() if key != "label")
    first = name.rpartition(":")[2].split("-")[0]
    obj = objects.get(MODEL_OF.get(first, first))
    values = {
        "pk": lambda: obj.pk,
        "project_pk": lambda: sample["project"].pk,
        "history_id": lambda: obj.history.earliest("history_date").history_id,
        "year": lambda: objects["budgetline"].year,
        "format": lambda: "csv",
        "label": lambda: choice.get("label", "projects.project"),
        "slug": lambda: slug_for(name, objects),
        "number": lambda: objects["strategicgoal"].number,
        "key": lambda: f"gremium-{objects['body'].pk}",
        "extension": lambda: "pdf",
        "uidb64": lambda: urlsafe_base64_encode(force_bytes(objects["user"].pk)),
        "token": lambda: default_token_generator.make_token(objects["user"]),
    }
    url = reverse(name, kwargs={key: values[key]() for key in pattern.pattern.converters})
    return f"{url}?projekt={sample['project'].pk}" if name == "projects:document-create" else url


def slug_for(name, objects):
    if name == "oparl:body":
        return "landkreis-ludwigsburg"
    if name == "projects:public-actionfield":
        return objects["actionfield"].slug
    return objects["project"].slug
