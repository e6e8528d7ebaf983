"""Who may do what: every route of the URL configuration, the status each role gets for GET and for POST.

The expectations below are written out by hand from the role table (accounts/roles.py, the README's roles and the
domain rules), never read from a view's own attributes: a view guarded by the wrong permission, or a POST handler
that forgets its check, fails here. A route with no row fails too (test_every_route_has_a_row).

One row per route: `row(GET, POST)`, each five statuses for the roles  anonymous  committee  editor  project_lead
admin. POST sends an empty form (nothing valid is saved, so 200 is a form shown again with its errors) unless the
row gives `data`. A status is a number, or:
  login    a redirect to the login page (not logged in)
  302      any other redirect (the action was done, or refused with a message on the object's page)
  A/B      for the project lead: A on one of their own projects, B on someone else's (one value: the same for both)
A key "route[variant]" repeats a route with another object or query (tests/sample.py, VARIANTS), e.g. a published
status report.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import roles
from tests.sample import VARIANTS, url_for

ROLES = ("anonymous", roles.COMMITTEE, roles.EDITOR, roles.PROJECT_LEAD, roles.ADMIN)
# The users each row is tried with: the project lead twice.
COLUMNS = ("anonymous", roles.COMMITTEE, roles.EDITOR, "lead (own project)", "lead (other project)", roles.ADMIN)
# Django's admin: its pages are made per registered model and guarded by Django itself (tests/test_admin.py); the
# table holds its entry and login pages.
NOT_IN_TABLE = ("admin:",)


@dataclass(frozen=True)
class Row:
    get: str
    post: str
    data: dict = field(default_factory=dict)


def row(get, post, **data):
    return Row(get, post, data)


# fmt: off
TABLE = {
    # Public pages, the same for everyone; nothing to post.
    "projects:home":                              row("200 200 200 200 200", "405 405 405 405 405"),
    "projects:public-goal":                       row("200 200 200 200 200", "405 405 405 405 405"),
    "projects:public-actionfield":                row("200 200 200 200 200", "405 405 405 405 405"),
    "projects:public-project-list":               row("200 200 200 200 200", "405 405 405 405 405"),
    "projects:public-project-detail":             row("200 200 200 200 200", "405 405 405 405 405"),
    # A committee paper's public page: once it is finalised, from its public snapshot.
    "reports:public-paper":                       row("404 404 404 404 404", "405 405 405 405 405"),
    "reports:public-paper[finalised]":            row("200 200 200 200 200", "405 405 405 405 405"),
    # An internal project: committee and staff only, not even the project's own lead.
    "projects:public-project-detail[internal]":   row("404 200 200 404 200", "405 405 405 405 405"),
    "projects:public-events":                 row("200 200 200 200 200", "405 405 405 405 405"),
    "stakeholders:public-bodies":                 row("200 200 200 200 200", "405 405 405 405 405"),
    "budget:public-finances":                     row("200 200 200 200 200", "405 405 405 405 405"),
    "budget:public-finances-export":              row("200 200 200 200 200", "405 405 405 405 405"),
    "accessibility":                              row("200 200 200 200 200", "405 405 405 405 405"),
    "imprint":                                    row("200 200 200 200 200", "405 405 405 405 405"),
    "privacy":                                    row("200 200 200 200 200", "405 405 405 405 405"),
    "healthz":                                    row("200 200 200 200 200", "405 405 405 405 405"),
    # The OParl interface: public JSON; a draft paper is answered as deleted, its files are not found.
    "oparl:system":                               row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:body-list":                            row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:body":                                 row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:legislativeterm":                      row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:organization-list":                    row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:organization":                         row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:person-list":                          row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:person":                               row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:membership":                           row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:meeting-list":                         row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:meeting":                              row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:location":                             row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:paper-list":                           row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:paper":                                row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:consultation":                         row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:file":                                 row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:paper-pdf":                            row("404 404 404 404 404", "405 405 405 405 405"),
    "oparl:paper-docx":                           row("404 404 404 404 404", "405 405 405 405 405"),
    "oparl:paper-docx[finalised]":                row("200 200 200 200 200", "405 405 405 405 405"),
    # A file attached to a paper: published with the finalised paper, its download public from then on.
    "oparl:attachment-file":                      row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:attachment-file[finalised]":           row("200 200 200 200 200", "405 405 405 405 405"),
    "oparl:attachment-download":                  row("404 404 404 404 404", "405 405 405 405 405"),
    "oparl:attachment-download[finalised]":       row("200 200 200 200 200", "405 405 405 405 405"),
    # Logging in and out, passwords (Django's views). The reset link is valid: it leads on to the new password form.
    "login":                                      row("200 200 200 200 200", "200 200 200 200 200"),
    "logout":                                     row("405 405 405 405 405", "302 302 302 302 302"),
    "password_change":                            row("login 200 200 200 200", "login 200 200 200 200"),
    "password_change_done":                       row("login 200 200 200 200", "login 405 405 405 405"),
    "password_reset":                             row("200 200 200 200 200", "200 200 200 200 200"),
    "password_reset_done":                        row("200 200 200 200 200", "405 405 405 405 405"),
    "password_reset_confirm":                     row("302 302 302 302 302", "302 302 302 302 302"),
    "password_reset_complete":                    row("200 200 200 200 200", "405 405 405 405 405"),
    # Django's admin: editors and administrators (staff) only.
    "admin:index":                                row("302 302 200 302 200", "302 302 200 302 200"),
    "admin:login":                                row("200 200 302 200 302", "200 200 200 200 200"),
    # Every logged-in user: the workspace's start page, the own account, the search of long select lists.
    "reports:workspace":                          row("login 200 200 200 200", "login 405 405 405 405"),
    "accounts:account":                           row("login 200 200 200 200", "login 405 405 405 405"),
    "choices":                                    row("login 200 200 200 200", "login 405 405 405 405"),
    "choices[persons]":                           row("login 200 200 403 200", "login 405 405 405 405"),
    # Who sees all projects: the dashboard and the downloads page with the strategy document.
    "reports:dashboard":                          row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:exports":                            row("login 200 200 403 200", "login 405 405 403 405"),
    "exchange:strategy-document":                  row("login 200 200 403 200", "login 405 405 403 405"),
    # Personal data (DSGVO): administrators only.
    "reports:persons-export":                     row("login 403 403 403 200", "login 403 403 403 405"),
    "stakeholders:person-export":                 row("login 403 403 403 200", "login 403 403 403 405"),
    "stakeholders:person-erase":                  row("login 403 403 403 200", "login 403 403 403 302"),

    # Projects: everyone logged in sees them, a project lead only their own; the office edits.
    "projects:project-list":                      row("login 200 200 200 200", "login 405 405 405 405"),
    "projects:project-create":                    row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:project-detail":                    row("login 200 200 200/404 200", "login 405 405 405 405"),
    "projects:project-update":                    row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:project-archive":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:project-revert":                    row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:project-delete":                    row("login 403 403 403 405", "login 403 403 403 302"),
    # The ranking: whoever sees projects; only administrators save the weights (checked in the POST handler).
    "projects:priorities":                        row("login 200 200 200 200", "login 403 403 403 200"),
    "projects:progress":                          row("login 200 200 200 200", "login 405 405 405 405"),
    # Status reports: a project lead reports on their own projects until the office has published the report.
    "projects:statusreport-create":               row("login 403 200 200/404 200", "login 403 200 200/404 200"),
    "projects:statusreport-list":                 row("login 200 200 200 200", "login 405 405 405 405"),
    "projects:statusreport-detail":               row("login 200 200 200/404 200", "login 405 405 405 405"),
    "projects:statusreport-update":               row("login 403 200 200/404 200", "login 403 200 200/404 200"),
    "projects:statusreport-update[published]":    row("login 403 200 403/404 200", "login 403 200 403/404 200"),
    "projects:statusreport-revert":               row("login 403 405 405 405", "login 403 302 302/404 302"),
    "projects:statusreport-revert[published]":    row("login 403 405 405 405", "login 403 302 403/404 302"),
    "projects:statusreport-delete":               row("login 403 403 403 405", "login 403 403 403 302"),
    # The office's review: publish, or return with a comment.
    "projects:statusreport-review-list":          row("login 403 200 403 200", "login 403 405 403 405"),
    "projects:statusreport-review":               row("login 403 200 403 200", "login 403 302 403 302",
                                                      decision="publish"),
    "projects:statusreport-review[return]":       row("login 403 200 403 200", "login 403 302 403 302",
                                                      decision="return", comment="Bitte die Risiken ergänzen."),
    "projects:indicator-detail":                  row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:indicator-update":                  row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:indicator-revert":                  row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:indicator-delete":                  row("login 403 403 403 405", "login 403 403 403 302"),
    # Overlaps: the check for who may add or change projects; a recorded overlap is removed by editors too.
    "projects:project-overlaps":                  row("login 403 200 403 200", "login 403 405 403 405"),
    "projects:projectlink-create":                row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:projectlink-detail":                row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:projectlink-update":                row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:projectlink-revert":                row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:projectlink-delete":                row("login 403 405 403 405", "login 403 302 403 302"),
    # Documents of a project (and of events and meetings): staff and committee; a project lead none.
    "projects:document-create":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:document-detail":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:document-update":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:document-download":                 row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:document-revert":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:document-delete":                   row("login 403 403 403 405", "login 403 403 403 302"),

    # The strategy's structure: committee reads, the office edits, administrators delete.
    "projects:strategy-list":                     row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:strategy-create":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:strategy-detail":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:strategy-update":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:strategy-revert":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:strategy-delete":                   row("login 403 403 403 405", "login 403 403 403 302"),
    "projects:phase-list":                        row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:phase-create":                      row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:phase-detail":                      row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:phase-update":                      row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:phase-revert":                      row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:phase-delete":                      row("login 403 403 403 405", "login 403 403 403 302"),
    "projects:strategicgoal-list":                row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:strategicgoal-create":              row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:strategicgoal-detail":              row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:strategicgoal-update":              row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:strategicgoal-revert":              row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:strategicgoal-delete":              row("login 403 403 403 405", "login 403 403 403 302"),
    "projects:actionfield-list":                  row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:actionfield-create":                row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:actionfield-detail":                row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:actionfield-update":                row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:actionfield-revert":                row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:actionfield-delete":                row("login 403 403 403 405", "login 403 403 403 302"),
    "projects:finding-list":                      row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:finding-create":                    row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:finding-detail":                    row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:finding-update":                    row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:finding-revert":                    row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:finding-delete":                    row("login 403 403 403 405", "login 403 403 403 302"),
    "projects:externalinitiative-list":           row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:externalinitiative-create":         row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:externalinitiative-detail":         row("login 200 200 403 200", "login 405 405 403 405"),
    "projects:externalinitiative-update":         row("login 403 200 403 200", "login 403 200 403 200"),
    "projects:externalinitiative-revert":         row("login 403 405 403 405", "login 403 302 403 302"),
    "projects:externalinitiative-delete":         row("login 403 403 403 405", "login 403 403 403 302"),

    # Committee papers: the office drafts, administrators finalise; a finalised paper is no longer edited.
    "reports:committeepaper-list":                row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:committeepaper-create":              row("login 403 200 403 200", "login 403 200 403 200"),
    "reports:committeepaper-detail":              row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:committeepaper-update":              row("login 403 200 403 200", "login 403 200 403 200"),
    "reports:committeepaper-update[finalised]":   row("login 403 302 403 302", "login 403 302 403 302"),
    "reports:committeepaper-revert":              row("login 403 405 403 405", "login 403 302 403 302"),
    "reports:committeepaper-delete":              row("login 403 403 403 405", "login 403 403 403 302"),
    "reports:committeepaper-preview":             row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:committeepaper-docx":                row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:committeepaper-pdf":                 row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:committeepaper-finalise":            row("login 403 403 403 200", "login 403 403 403 302"),
    # A paper's attachment: for whoever sees the paper, draft or finalised.
    "reports:paperattachment-download":           row("login 200 200 403 200", "login 405 405 403 405"),
    "reports:paperattachment-download[finalised]": row("login 200 200 403 200", "login 405 405 403 405"),

    # Stakeholders: committee reads, the office edits and archives, administrators delete.
    "stakeholders:organisation-list":             row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:organisation-create":           row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:organisation-detail":           row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:organisation-update":           row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:organisation-archive":          row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:organisation-revert":           row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:organisation-delete":           row("login 403 403 403 405", "login 403 403 403 302"),
    "stakeholders:person-list":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:person-create":                 row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:person-detail":                 row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:person-update":                 row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:person-revert":                 row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:person-delete":                 row("login 403 403 403 405", "login 403 403 403 302"),
    "stakeholders:body-list":                     row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:body-create":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:body-detail":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:body-update":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:body-revert":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:body-delete":                   row("login 403 403 403 405", "login 403 403 403 302"),
    "stakeholders:meeting-list":                  row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:meeting-create":                row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:meeting-detail":                row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:meeting-update":                row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:meeting-revert":                row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:meeting-delete":                row("login 403 403 403 405", "login 403 403 403 302"),
    "stakeholders:participationevent-list":       row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:participationevent-create":     row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:participationevent-detail":     row("login 200 200 403 200", "login 405 405 403 405"),
    "stakeholders:participationevent-update":     row("login 403 200 403 200", "login 403 200 403 200"),
    "stakeholders:participationevent-archive":    row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:participationevent-revert":     row("login 403 405 403 405", "login 403 302 403 302"),
    "stakeholders:participationevent-delete":     row("login 403 403 403 405", "login 403 403 403 302"),

    # The budget: committee reads, the office books, administrators delete and carry unspent money over.
    "budget:budgetline-list":                     row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:budgetline-create":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:budgetline-detail":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:budgetline-update":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:budgetline-revert":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "budget:budgetline-delete":                   row("login 403 403 403 405", "login 403 403 403 302"),
    "budget:budgetline-carry-over":               row("login 403 403 403 200", "login 403 403 403 302"),
    "budget:carryover-undo":                      row("login 403 403 403 200", "login 403 403 403 302"),
    "budget:allocation-list":                     row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:allocation-create":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:allocation-detail":                   row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:allocation-update":                   row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:allocation-revert":                   row("login 403 405 403 405", "login 403 302 403 302"),
    "budget:allocation-delete":                   row("login 403 403 403 405", "login 403 403 403 302"),
    "budget:expenditure-list":                    row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:expenditure-create":                  row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:expenditure-detail":                  row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:expenditure-update":                  row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:expenditure-revert":                  row("login 403 405 403 405", "login 403 302 403 302"),
    "budget:expenditure-delete":                  row("login 403 403 403 405", "login 403 403 403 302"),
    "budget:externalfunding-list":                row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:externalfunding-create":              row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:externalfunding-detail":              row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:externalfunding-update":              row("login 403 200 403 200", "login 403 200 403 200"),
    "budget:externalfunding-revert":              row("login 403 405 403 405", "login 403 302 403 302"),
    "budget:externalfunding-delete":              row("login 403 403 403 405", "login 403 403 403 302"),
    "budget:project-money":                       row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:project-money-export":                row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:burndown":                            row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:burndown-export":                     row("login 200 200 403 200", "login 405 405 403 405"),
    "budget:financing-export":                    row("login 200 200 403 200", "login 405 405 403 405"),

    # Users and roles: administrators only. Users are deactivated, never deleted.
    "accounts:user-list":                         row("login 403 403 403 200", "login 403 403 403 405"),
    "accounts:user-create":                       row("login 403 403 403 200", "login 403 403 403 200"),
    "accounts:user-detail":                       row("login 403 403 403 200", "login 403 403 403 405"),
    "accounts:user-update":                       row("login 403 403 403 200", "login 403 403 403 200"),
    "accounts:user-password-link":                row("login 403 403 403 200", "login 403 403 403 302"),
}
# fmt: on


def route_names(resolver=None, namespace=""):
    """name -> pattern of every route of the URL configuration."""
    names = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.update(route_names(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names[f"{namespace}{pattern.name}"] = pattern
    return names


ROUTES = route_names()


def route_of(key):
    return key.split("[")[0]


def variant_of(key):
    return key.partition("[")[2].rstrip("]") or None


def expected(statuses):
    """The five statuses of a row as {user: status}, the project lead split into their own and another project."""
    tokens = statuses.split()
    assert len(tokens) == len(ROLES), f"{statuses!r}: one status per role {ROLES}"
    result = dict(zip(ROLES, tokens, strict=True))
    own, _slash, other = result.pop(roles.PROJECT_LEAD).partition("/")
    lead = {"lead (own project)": own, "lead (other project)": other or own}
    return {label: result.get(label) or lead[label] for label in COLUMNS}


def answer(response):
    """A response as the table writes it."""
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    return str(response.status_code)


def answers(client, sessions, method, url, data):
    """What each column's user gets; every request is rolled back, so that each one meets the same objects."""
    result = {}
    for label, key in sessions.items():
        client.cookies.clear()
        if key:
            client.cookies[settings.SESSION_COOKIE_NAME] = key
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, data)
            transaction.set_rollback(True)
        result[label] = answer(response)
    return result


def test_anonymous_is_sent_to_the_login_page(client, seeded):
    response = client.get(reverse("projects:project-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("key", TABLE)
def test_each_route_answers_each_role_as_the_table_says(key, table_sample, db, client):
    objects, sessions = table_sample
    name, entry = route_of(key), TABLE[key]
    url = url_for(name, ROUTES[name], objects, variant_of(key))

    wrong = []
    for method, statuses in (("GET", entry.get), ("POST", entry.post)):
        actual = answers(client, sessions, method, url, entry.data)
        wrong += [
            f"{method} {url} as {label}: {actual[label]}, the table says {want}"
            for label, want in expected(statuses).items()
            if actual[label] != want
        ]
    assert not wrong, "\n".join(wrong)


def test_every_route_has_a_row():
    missing = {name for name in ROUTES if not name.startswith(NOT_IN_TABLE)} - {route_of(key) for key in TABLE}
    assert not missing, f"routes without a row in TABLE: {sorted(missing)}"


def test_every_row_names_a_route_and_a_known_variant():
    assert {route_of(key) for key in TABLE} <= set(ROUTES)
    assert {variant_of(key) for key in TABLE} - {None} <= set(VARIANTS)


def test_the_admin_routes_left_out_are_djangos_own():
    left_out = [name for name in ROUTES if name.startswith(NOT_IN_TABLE)]
    assert "admin:index" in TABLE and len(left_out) > 50
    assert all(name.startswith("admin:") for name in left_out)


def test_the_table_covers_the_workspace():
    assert {"reports:workspace", "projects:project-list", "projects:project-update"} <= set(ROUTES) & set(TABLE)
