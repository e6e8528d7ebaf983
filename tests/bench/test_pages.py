"""The benchmark (make bench, docs/performance.md) finds its pages in the URL configuration: a new page is measured
without changing the benchmark, and a route it cannot fill is reported, not silently left out."""

import pytest

from bench.database import ensure_legislative_term
from bench.pages import Samples, discover
from bench.scale_data import generate_scale_data
from tests.factories import DocumentFactory, ExternalInitiativeFactory, UserFactory


@pytest.fixture
def discovered(seeded, settings, tmp_path):
    """What `make bench` has: the seed, synthetic projects, a user, a document, a council term (and here an external
    initiative)."""
    settings.MEDIA_ROOT = tmp_path
    generate_scale_data(projects=30)
    ensure_legislative_term()
    ExternalInitiativeFactory(strategy=seeded)
    UserFactory()
    DocumentFactory(project=seeded.projects.get(number=1))
    return discover(Samples.load())


def test_the_benchmark_measures_public_pages_workspace_pages_and_every_list_as_export(discovered):
    pages, _skipped = discovered
    names = {page.name for page in pages}

    assert {"projects:home", "projects:public-project-detail", "projects:project-detail", "reports:dashboard"} <= names
    assert {"projects:project-list ?format=csv", "projects:project-list ?format=xlsx"} <= names
    assert {"budget:financing-export (csv)", "oparl:person"} <= names


def test_the_benchmark_leaves_out_post_only_routes_the_admin_and_the_logout(discovered):
    pages, _skipped = discovered

    assert not [page for page in pages if page.name.rsplit("-", 1)[-1] in {"delete", "archive", "revert"}]
    assert not [page for page in pages if page.url.startswith("/admin/") or page.name == "logout"]


def test_only_the_password_reset_link_cannot_be_filled(discovered):
    _pages, skipped = discovered

    assert [item.name for item in skipped] == ["password_reset_confirm"]


def test_the_measured_project_is_a_published_synthetic_one_with_reports(discovered, client):
    samples = Samples.load()

    assert samples.project.slug.startswith("synthetisch-")
    assert samples.project.status_reports.exists()
    assert client.get(f"/projekte/{samples.project.slug}/").status_code == 200
