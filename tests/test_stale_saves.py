"""Nothing lost: two people who opened the same record and save different changes. The second save is refused
"Inzwischen geändert" with who changed what, the first editor's change stays, and the second's input is kept.

The cases are generated from the models: every edit page of the workspace and every change page of the Django
admin, opened and submitted as a browser does (tests/html_forms.py). A new model that is not versioned fails
`test_every_editable_model_is_versioned` and its own stale-save cases."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.urls import reverse
from django.utils.html import escape

from accounts import roles
from accounts.models import User
from budget.admin import ReadOnlyAdmin
from projects.models import Milestone, Project
from stakeholders.models import Organisation
from strategy_portal.db import StaleEdit, VersionedModel
from strategy_portal.forms import VersionedForm
from tests import factories
from tests.html_forms import form_data
from tests.test_workspace_permissions import ROUTES

# Django's own account models: a user's name and groups are edited by the administrators only, through Django's
# auth forms, and have no history to show what changed.
NOT_VERSIONED = {User, Group}
STALE = "Inzwischen geändert"

WORKSPACE_MODELS = sorted(
    {pattern.callback.view_class.model for name, pattern in ROUTES.items() if name.endswith("-update")} - NOT_VERSIONED,
    key=lambda model: model._meta.label,
)
ADMIN_MODELS = sorted(
    (model for model, model_admin in admin.site._registry.items() if model not in NOT_VERSIONED),
    key=lambda model: model._meta.label,
)
# Money is written only through budget.services: the admin shows it and changes none of it (tests/test_admin.py).
ADMIN_CHANGED_MODELS = [model for model in ADMIN_MODELS if not isinstance(admin.site._registry[model], ReadOnlyAdmin)]


def test_every_editable_model_is_versioned():
    editable = (
        set(WORKSPACE_MODELS)
        | set(ADMIN_MODELS)
        | {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    )
    unversioned = sorted(m._meta.label for m in editable - NOT_VERSIONED if not issubclass(m, VersionedModel))
    assert unversioned == []
    assert len(editable) >= 20  # the check sees the portal's models


def changed_field(model, data):
    """A field of `model` that the form shows filled in and both editors change: a free text, else a number."""
    fields = [field for field in model._meta.concrete_fields if data.get(field.name) and not field.unique]
    for field in fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
            and not field.choices
        ):
            return field.name, lambda value, editor: f"{value} ({editor})"
    for field in fields:
        if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField) and not field.choices:
            return field.name, lambda value, editor: str(int(value) + 100 + len(editor))
    return None, None


def open_edit_form(client, model, url_of):
    """The first object of `model` whose form opens for the client and has a field to change."""
    if not model._base_manager.exists():  # not in the seed: one made by its factory
        getattr(factories, f"{model.__name__}Factory")()
    for obj in model._base_manager.order_by("pk")[:20]:
        response = client.get(url_of(obj))
        if response.status_code != 200:
            continue
        data = form_data(response.content.decode())
        name, change = changed_field(model, data or {})
        if name:
            return obj, data, name, change
    pytest.fail(f"no {model._meta.label} whose form opens with a field to change")


def two_editors_save(client, user_for_role, url_of, model, admin_form=False):
    """Two editors open the same object's form; the second one saves first. The first one's answer, with what
    they typed."""
    first = user_for_role(roles.ADMIN, is_staff=admin_form)
    second = user_for_role(roles.ADMIN, is_staff=admin_form, first_name="Erika", last_name="Zweite")
    client.force_login(first)
    obj, opened, name, change = open_edit_form(client, model, url_of)  # both open the form at the same version

    client.force_login(second)
    saved = client.post(url_of(obj), {**opened, name: [change(opened[name][0], "Erika")]})
    assert saved.status_code == 302, form_errors(saved)
    kept = getattr(model._base_manager.get(pk=obj.pk), name)

    client.force_login(first)
    typed = change(opened[name][0], "erster Bearbeiter")
    refused = client.post(url_of(obj), {**opened, name: [typed]})
    assert getattr(model._base_manager.get(pk=obj.pk), name) == kept  # the first save is not lost
    return refused, typed


def form_errors(response):
    context = response.context or {}
    form = context.get("form") or context.get("adminform")
    return getattr(form, "errors", response.status_code)


@pytest.mark.parametrize("model", WORKSPACE_MODELS, ids=lambda m: m._meta.label)
def test_the_workspace_refuses_a_stale_save(seeded, sample, client, user_for_role, model):
    refused, typed = two_editors_save(
        client, user_for_role, lambda o: reverse(f"{o._meta.app_label}:{o._meta.model_name}-update", args=[o.pk]), model
    )

    page = refused.content.decode()
    assert refused.status_code == 200
    assert STALE in page
    assert "Erika Zweite" in page
    assert escape(typed) in page  # the refused editor's input is kept


@pytest.mark.parametrize("model", ADMIN_CHANGED_MODELS, ids=lambda m: m._meta.label)
def test_the_admin_refuses_a_stale_save(seeded, sample, client, user_for_role, model):
    opts = model._meta
    refused, typed = two_editors_save(
        client,
        user_for_role,
        lambda o: reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[o.pk]),
        model,
        admin_form=True,
    )

    page = refused.content.decode()
    assert refused.status_code == 200
    assert STALE in page
    assert "Erika Zweite" in page
    assert escape(typed) in page


def test_a_save_in_the_moment_between_the_admin_forms_check_and_its_save_is_refused_too(
    seeded, client, user_for_role, monkeypatch
):
    client.force_login(user_for_role(roles.ADMIN, is_staff=True))
    pk = Organisation.objects.earliest("pk").pk
    url = reverse("admin:stakeholders_organisation_change", args=[pk])
    opened = form_data(client.get(url).content.decode())
    other = Organisation.objects.get(pk=pk)
    other.name = "Gespeichert von B"
    other.save()
    check = VersionedForm.clean

    def checked_before_the_other_save(form):
        monkeypatch.setattr(VersionedForm, "clean", check)  # only the first check
        return super(VersionedForm, form).clean()

    monkeypatch.setattr(VersionedForm, "clean", checked_before_the_other_save)
    response = client.post(url, {**opened, "name": ["Gespeichert von A"]})

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert "Gespeichert von A" in page  # the input is kept
    assert Organisation.objects.get(pk=pk).name == "Gespeichert von B"


def test_a_stale_inline_row_is_refused_and_nothing_of_the_form_is_saved(seeded, client, user_for_role):
    """A milestone changed by another editor while the project form was open: the project's save is refused whole."""
    project = seeded.projects.get(number=1)
    milestone = factories.MilestoneFactory(project=project, title="Workshop")
    client.force_login(user_for_role(roles.EDITOR))
    url = reverse("projects:project-update", args=[project.pk])
    opened = form_data(client.get(url).content.decode())
    row = next(name.removesuffix("-id") for name, values in opened.items() if values == [str(milestone.pk)])

    other = Milestone.objects.get(pk=milestone.pk)
    other.title = "Workshop mit den Kommunen"
    other.save()
    response = client.post(url, {**opened, "title": ["Neuer Titel"], f"{row}-title": ["Workshop im Mai"]})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).title == "Workshop mit den Kommunen"
    assert Project.objects.get(pk=project.pk).title == project.title  # the whole save was refused


def test_an_unchanged_inline_row_does_not_block_the_save(seeded, client, user_for_role):
    project = seeded.projects.get(number=1)
    factories.MilestoneFactory(project=project, title="Workshop")
    client.force_login(user_for_role(roles.EDITOR))
    url = reverse("projects:project-update", args=[project.pk])
    opened = form_data(client.get(url).content.decode())

    response = client.post(url, {**opened, "title": ["Neuer Titel"]})

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).title == "Neuer Titel"


def test_saving_over_an_older_version_is_refused_on_every_write_path(seeded):
    """Services, the importer and commands save what they read: a save over a version saved since raises."""
    pk = Organisation.objects.earliest("pk").pk
    first, second = Organisation.objects.get(pk=pk), Organisation.objects.get(pk=pk)
    second.name = "Gespeichert von B"
    second.save()

    first.name = "Gespeichert von A"
    with pytest.raises(StaleEdit), transaction.atomic():
        first.save()
    assert Organisation.objects.get(pk=pk).name == "Gespeichert von B"


def test_restoring_a_version_from_a_page_opened_before_another_save_is_refused(seeded, client, user_for_role):
    organisation = Organisation.objects.earliest("pk")
    original = organisation.name
    organisation.name = "Zweiter Name"
    organisation.save()
    client.force_login(user_for_role(roles.ADMIN))
    detail = reverse("stakeholders:organisation-detail", args=[organisation.pk])
    page = client.get(detail).content.decode()
    opened = form_data(page)  # a button's form: the version the page shows
    action = next(url for url in re.findall(r'<form method="post" action="([^"]+)"', page) if "wiederherstellen" in url)

    organisation.name = "Dritter Name, inzwischen gespeichert"
    organisation.save()
    response = client.post(action, opened, follow=True)

    assert STALE in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).name == "Dritter Name, inzwischen gespeichert"
    assert original != "Dritter Name, inzwischen gespeichert"
