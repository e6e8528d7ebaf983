"""manage.py generate_scale_data: marked synthetic projects for performance tests, and --remove.

The command's app (bench) is installed only by the benchmark's settings (bench/settings.py), so the tests call the
command's class itself."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command, get_commands
from django.urls import reverse

from bench.management.commands.generate_scale_data import Command as GenerateScaleData
from bench.scale_data import MARKER, PREFIX, SLUG_PREFIX
from budget.models import Allocation, BudgetLine, Expenditure
from budget.selectors import line_state, pair_amounts
from budget.services import carry_over
from exchange.document import export_document
from projects.models import Measurement, Milestone, Project, StatusReport, Strategy
from stakeholders.models import Organisation, Person
from strategy_portal.publication import Audience

SIZE = 30


def generate(projects=SIZE, **options):
    out = io.StringIO()
    call_command(GenerateScaleData(), projects=projects, stdout=out, **options)
    return out.getvalue()


def remove():
    out = io.StringIO()
    call_command(GenerateScaleData(), remove=True, stdout=out)
    return out.getvalue()


def synthetic():
    return Project.objects.filter(slug__startswith=SLUG_PREFIX)


def row_counts():
    """Rows per model of the portal's apps (history included), to compare before and after."""
    models = [
        model
        for label in ("accounts", "stakeholders", "projects", "budget", "reports")
        for model in apps.get_app_config(label).get_models()
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_it_creates_the_requested_projects_clearly_marked_with_their_rows(seeded):
    output = generate()

    projects = list(synthetic())
    assert len(projects) == SIZE
    assert all(p.title.startswith(PREFIX) and p.description == MARKER for p in projects)
    assert all(p.strategy_id == seeded.pk for p in projects)
    assert {p.visibility for p in projects} == {Project.Visibility.PUBLISHED, Project.Visibility.INTERNAL}
    assert len({p.action_field_id for p in projects}) >= 4
    assert len({p.status for p in projects}) >= 4
    assert StatusReport.objects.filter(project__in=synthetic()).exists()
    assert Milestone.objects.filter(project__in=synthetic()).count() >= SIZE
    assert Measurement.objects.filter(indicator__project__in=synthetic()).exists()
    assert Allocation.objects.filter(project__in=synthetic()).exists()
    assert Organisation.objects.filter(name__startswith=PREFIX).count() == 6
    assert Person.objects.filter(name__startswith=PREFIX, notes=MARKER).count() == 3
    assert "Projekte: 30" in output


def test_no_budget_line_allocates_more_than_it_has_available(seeded):
    generate()

    for line in BudgetLine.objects.with_amounts():
        allocated = sum(allocation.amount for allocation in line.allocations.all())
        assert allocated <= line.available_amount


def test_the_synthetic_bookings_keep_the_budget_rules(seeded):
    """Dated in their line's year, spent within what is allocated per project and line, allocated within what each
    line has available — also where a year was carried over before."""
    carry_over(line=seeded.budget_lines.get(year=2025))
    generate()

    bookings = [
        *Allocation.objects.filter(project__in=synthetic()),
        *Expenditure.objects.filter(project__in=synthetic()),
    ]
    assert Expenditure.objects.filter(project__in=synthetic()).exists()
    for booking in bookings:
        booking.full_clean()
    for project_id, line_id in {(booking.project_id, booking.budget_line_id) for booking in bookings}:
        allocated, spent = pair_amounts(project_id, line_id)
        assert spent <= allocated
    for line in seeded.budget_lines.all():
        state = line_state(line.pk)
        assert state.allocated <= state.available


def test_a_second_run_with_the_same_number_changes_nothing(seeded):
    generate()
    before = row_counts()

    output = generate()

    assert row_counts() == before
    assert "Es gibt bereits 30 synthetische Projekte" in output


def test_growing_in_steps_gives_the_same_projects_as_one_run(seeded):
    generate(projects=10)
    generate(projects=SIZE)
    grown = list(synthetic().order_by("slug").values_list("title", "status", "visibility", "planned_start"))
    remove()

    generate(projects=SIZE)

    assert list(synthetic().order_by("slug").values_list("title", "status", "visibility", "planned_start")) == grown


def test_asking_for_fewer_projects_than_there_are_is_refused_in_german(seeded):
    generate()

    with pytest.raises(CommandError, match="Es gibt bereits 30 synthetische Projekte.*--remove"):
        generate(projects=10)


def test_without_a_featured_strategy_the_seed_strategy_is_imported_first(db):
    generate(projects=5)

    strategy = Strategy.objects.get(is_featured=True)
    assert strategy.projects.exclude(slug__startswith=SLUG_PREFIX).count() == 7
    assert synthetic().count() == 5


def test_remove_deletes_the_synthetic_data_and_leaves_the_seed_as_it_was(seeded):
    document = export_document(seeded, audience=Audience.ADMIN)
    counts = row_counts()
    generate()

    output = remove()

    assert row_counts() == counts
    assert export_document(Strategy.objects.get(pk=seeded.pk), audience=Audience.ADMIN) == document
    assert "Projekte: 30" in output


def test_remove_refuses_while_real_data_refers_to_synthetic_rows_and_removes_nothing(seeded):
    generate()
    organisation = Organisation.objects.filter(name__startswith=PREFIX).first()
    Project.objects.filter(pk=seeded.projects.get(number=1).pk).update(lead_organisation=organisation)

    with pytest.raises(CommandError, match="nicht entfernt werden.*Es wurde nichts entfernt"):
        remove()

    assert synthetic().count() == SIZE


def test_pages_of_a_synthetic_project_work_without_a_recorded_history(seeded, admin_user_role, client):
    generate()
    project = synthetic().filter(visibility=Project.Visibility.PUBLISHED, is_archived=False).first()
    client.force_login(admin_user_role)

    workspace = client.get(reverse("projects:project-detail", args=[project.pk]))
    public = client.get(reverse("projects:public-project-detail", args=[project.slug]))

    assert workspace.status_code == 200
    assert public.status_code == 200
    assert project.title in workspace.content.decode()
    assert project.title in public.content.decode()


def test_the_portal_itself_has_no_generate_scale_data_command(settings):
    assert "bench" not in settings.INSTALLED_APPS
    assert "generate_scale_data" not in get_commands()
