"""Progress control: the daily reminder e-mails for reports and milestones that are due (the send_reminders
command)."""

import io
import smtplib

import pytest
from django.core import mail
from django.core.management import CommandError, call_command, execute_from_command_line

from projects import reminders
from projects.models import Project, Reminder, StatusReport
from tests.factories import MilestoneFactory, StatusReportFactory, UserFactory
from tests.projects.progress_helpers import D, project_in_implementation


def run(day, **kwargs):
    out = io.StringIO()
    call_command("send_reminders", "--date", day, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def subjects(since=0):
    """The subjects of the mails sent, from the `since`-th on, sorted."""
    return sorted(message.subject for message in mail.outbox[since:])


# Reminders ----------------------------------------------------------------------------------------------------------


def test_the_command_sends_one_reminder_per_project_kind_and_period_however_often_it_runs(db):
    project = project_in_implementation()

    first = run("2030-06-20")
    again = [run("2030-06-20") for _ in range(2)]
    later = run("2030-06-29")

    assert first == "2 Erinnerungen versendet, 0 bereits versendet, 0 ohne Empfänger\n"
    assert again[-1] == later == "0 Erinnerungen versendet, 2 bereits versendet, 0 ohne Empfänger\n"
    assert subjects() == [
        f"Sachstand fällig: {project} (2. Quartal 2030)",
        f"Sachstand überfällig: {project} (1. Quartal 2030)",
    ]
    assert Reminder.objects.count() == 2

    run("2030-09-20")

    assert subjects(since=2) == [
        f"Sachstand fällig: {project} (3. Quartal 2030)",
        f"Sachstand überfällig: {project} (2. Quartal 2030)",
    ]


def test_a_due_report_is_reminded_from_14_days_before_the_period_ends(db):
    project_in_implementation()
    StatusReportFactory(project=Project.objects.get(), reported_on=D(2030, 2, 1))  # the 1st quarter is reported

    assert run("2030-06-15").startswith("0 Erinnerungen versendet")
    assert run("2030-06-16").startswith("1 Erinnerung versendet")
    assert len(mail.outbox) == 1


def test_a_report_that_came_in_stops_the_reminder(db):
    project = project_in_implementation()
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1), state=StatusReport.State.SUBMITTED)
    StatusReportFactory(project=project, reported_on=D(2030, 6, 1), state=StatusReport.State.SUBMITTED)

    run("2030-06-20")

    assert mail.outbox == []


def test_a_returned_report_is_still_reminded(db):
    project = project_in_implementation()
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1), state=StatusReport.State.RETURNED)
    StatusReportFactory(project=project, reported_on=D(2030, 6, 1))

    run("2030-06-20")

    assert subjects() == [f"Sachstand überfällig: {project} (1. Quartal 2030)"]


def test_the_reminder_goes_to_the_responsible_person_and_the_active_project_leads_once_each(db):
    leads = [
        UserFactory(email="lead@example.org"),
        UserFactory(email="Verantwortlich@Example.org"),  # the responsible person's address, written differently
        UserFactory(email=""),
        UserFactory(email="former@example.org", is_active=False),
    ]
    project = project_in_implementation(email="verantwortlich@example.org", leads=leads)
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1))

    run("2030-06-20")

    (message,) = mail.outbox
    assert sorted(message.to) == ["lead@example.org", "verantwortlich@example.org"]
    assert sorted(Reminder.objects.get().recipients.split(", ")) == ["lead@example.org", "verantwortlich@example.org"]


def test_the_mail_is_german_and_links_to_the_report_form(db, settings):
    settings.PORTAL_URL = "https://portal.example.org/"
    project = project_in_implementation(title="Fachkräfte-Allianz")
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1))

    run("2030-06-20")

    (message,) = mail.outbox
    assert message.subject == f"Sachstand fällig: Projekt {project.number}: Fachkräfte-Allianz (2. Quartal 2030)"
    assert "ist bis zum 30.06.2030 fällig" in message.body
    assert f"https://portal.example.org/arbeitsbereich/projekte/{project.pk}/sachstaende/neu/" in message.body


def test_a_project_without_any_address_gets_no_mail_and_no_reminder_record(db):
    project = project_in_implementation(email="", leads=[UserFactory(email="")])

    output = run("2030-06-20")

    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert f"Keine Erinnerung für „{project}“: Es ist keine E-Mail-Adresse hinterlegt." in output
    assert output.endswith("0 Erinnerungen versendet, 0 bereits versendet, 2 ohne Empfänger\n")


def test_a_mail_that_fails_leaves_no_record_and_is_sent_on_the_next_run(db, monkeypatch):
    project_in_implementation()

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("connection lost")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        with pytest.raises(CommandError, match="Nicht alle Erinnerungen konnten versendet werden"):
            run("2030-06-20")
    assert not Reminder.objects.exists()

    assert run("2030-06-21").startswith("2 Erinnerungen versendet")
    assert Reminder.objects.count() == 2


def test_a_reminder_another_server_recorded_meanwhile_is_not_sent_again(db, monkeypatch):
    project = project_in_implementation()
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1))
    Reminder.objects.create(kind=Reminder.Kind.REPORT_DUE, project=project, period_start=D(2030, 4, 1))
    monkeypatch.setattr(reminders, "_sent_keys", lambda pending: set())  # as if read before the other run's insert

    output = run("2030-06-20")

    assert mail.outbox == []
    assert output == "0 Erinnerungen versendet, 1 bereits versendet, 0 ohne Empfänger\n"
    assert Reminder.objects.count() == 1


def test_overdue_milestones_of_a_project_are_reminded_in_one_mail_once_per_period(db):
    project = project_in_implementation()
    StatusReportFactory(project=project, reported_on=D(2030, 2, 1))
    StatusReportFactory(project=project, reported_on=D(2030, 4, 2))
    StatusReportFactory(project=project, reported_on=D(2030, 7, 2))
    MilestoneFactory(project=project, title="Förderantrag gestellt", due_date=D(2030, 4, 15))
    MilestoneFactory(project=project, title="Partner gewonnen", due_date=D(2030, 5, 1))

    run("2030-05-20")
    run("2030-06-01")

    (message,) = mail.outbox
    assert message.subject == f"Meilensteine überfällig: {project}"
    assert "– Förderantrag gestellt (fällig am 15.04.2030)" in message.body
    assert "– Partner gewonnen (fällig am 01.05.2030)" in message.body
    assert Reminder.objects.filter(kind=Reminder.Kind.MILESTONE_OVERDUE).count() == 2

    run("2030-07-10")

    assert subjects()[-1] == f"Meilensteine überfällig: {project}"
    assert len(mail.outbox) == 2


def test_a_bad_date_stops_the_command_with_a_german_message(db):
    with pytest.raises(CommandError, match="„2030-13-01“ ist kein Datum"):
        run("2030-13-01")


def test_a_bad_date_exits_with_an_error_code_from_the_command_line(db, capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "send_reminders", "--date", "morgen"])

    assert exit_info.value.code != 0
    assert "„morgen“ ist kein Datum" in capsys.readouterr().err
