"""Papers finalised before there were two versions stored one snapshot composed for everybody: it may list internal
projects and non-public consultations, and OParl served it as the public paper.

The old snapshot is what the committee read, so it is kept as the paper's committee version (`committee_snapshot`);
the public `snapshot` becomes a copy of it without what the publication rule keeps from the public: the projects of
the paper's strategy that may not leave to the public now (internal, archived or since deleted; matched by number),
the non-public consultations and a non-public session. The paper is not composed again: a finalised paper keeps the
figures it was finalised with (reports.paper.public_version, which the import of an old strategy document uses too).
"""

from django.db import migrations

from reports.paper import public_version
from strategy_portal import publication
from strategy_portal.publication import Audience


def publish_old_snapshots(apps, schema_editor):
    CommitteePaper = apps.get_model("reports", "CommitteePaper")
    Project = apps.get_model("projects", "Project")
    papers = CommitteePaper.objects.filter(snapshot__isnull=False, committee_snapshot__isnull=True)
    for paper in papers:
        public_projects = set(
            Project.objects.filter(publication.project_q(Audience.PUBLIC), strategy_id=paper.strategy_id).values_list(
                "number", flat=True
            )
        )
        paper.committee_snapshot = {**paper.snapshot, "non_public": True}
        paper.snapshot = public_version(paper.snapshot, public_projects)
        paper.save(update_fields=["snapshot", "committee_snapshot"])


def restore_old_snapshots(apps, schema_editor):
    """Backwards: the committee version was the one snapshot (0005 backwards then drops committee_snapshot)."""
    CommitteePaper = apps.get_model("reports", "CommitteePaper")
    for paper in CommitteePaper.objects.filter(committee_snapshot__isnull=False):
        paper.snapshot = {key: value for key, value in paper.committee_snapshot.items() if key != "non_public"}
        paper.save(update_fields=["snapshot"])


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0005_milestone_open_index"),
        ("reports", "0005_paper_committee_snapshot"),
    ]

    operations = [
        migrations.RunPython(publish_old_snapshots, restore_old_snapshots, elidable=True),
    ]
