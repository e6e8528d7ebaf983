"""The load run's users (`make load`, bench/load.py): citizens on the public pages and staff in the workspace.

The URLs come from the JSON file that bench/load.py writes (BENCH_TARGETS): real slugs, primary keys and page counts
of the benchmark database, so that requests spread over the whole data instead of hitting one cached row.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text(encoding="utf-8"))
WAIT = [float(seconds) for seconds in os.environ.get("BENCH_WAIT", "1 3").split()]


class Citizen(HttpUser):
    """An anonymous visitor: the strategy, the project list with its filters, projects, goals, action fields."""

    weight = 3
    wait_time = between(*WAIT)

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(4)
    def project_list(self):
        page = random.randint(1, TARGETS["public_pages"])
        self.client.get(f"/projekte/?page={page}", name="/projekte/?page=…")

    @task(2)
    def filtered_project_list(self):
        field = random.choice(TARGETS["action_fields"])
        self.client.get(f"/projekte/?handlungsfeld={field}&sortierung=-sachstand", name="/projekte/?handlungsfeld=…")

    @task(4)
    def project(self):
        slug = random.choice(TARGETS["public_projects"])
        self.client.get(f"/projekte/{slug}/", name="/projekte/<slug>/")

    @task(1)
    def action_field(self):
        self.client.get(f"/handlungsfelder/{random.choice(TARGETS['action_fields'])}/", name="/handlungsfelder/<slug>/")

    @task(1)
    def goal(self):
        self.client.get(f"/ziele/{random.choice(TARGETS['goals'])}/", name="/ziele/<n>/")

    @task(1)
    def other_public_pages(self):
        path = random.choice(["/beteiligung/", "/gremien/", "/finanzen/", "/oparl/v1.1/person/"])
        self.client.get(path, name=path)


class Staff(HttpUser):
    """A member of staff (committee, editor or administrator): logs in once, then works in the workspace."""

    weight = 1
    wait_time = between(*WAIT)

    def on_start(self):
        username, password = random.choice(TARGETS["accounts"])
        self.may_edit = username in TARGETS["editors"]
        self.client.get("/konto/login/", name="/konto/login/")
        with self.client.post(
            "/konto/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken")},
            name="/konto/login/ (POST)",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"login of {username} failed")

    @task(3)
    def workspace(self):
        self.client.get("/arbeitsbereich/", name="/arbeitsbereich/")

    @task(4)
    def project_list(self):
        page = random.randint(1, TARGETS["workspace_pages"])
        self.client.get(f"/arbeitsbereich/projekte/?page={page}", name="/arbeitsbereich/projekte/?page=…")

    @task(4)
    def project(self):
        pk = random.choice(TARGETS["projects"])
        self.client.get(f"/arbeitsbereich/projekte/{pk}/", name="/arbeitsbereich/projekte/<pk>/")

    @task(1)
    def project_form(self):
        if not self.may_edit:  # the committee reads, and would get 403
            return self.project()
        pk = random.choice(TARGETS["projects"])
        return self.client.get(
            f"/arbeitsbereich/projekte/{pk}/bearbeiten/", name="/arbeitsbereich/projekte/<pk>/bearbeiten/"
        )

    @task(2)
    def lists(self):
        path = random.choice(
            ["/arbeitsbereich/sachstaende/", "/arbeitsbereich/organisationen/", "/arbeitsbereich/zuweisungen/"]
        )
        self.client.get(path, name=path)

    @task(1)
    def dashboard(self):
        self.client.get("/uebersicht/", name="/uebersicht/")

    @task(1)
    def export(self):
        field = random.choice(TARGETS["action_field_pks"])
        self.client.get(
            f"/arbeitsbereich/projekte/?action_field={field}&format=csv", name="/arbeitsbereich/projekte/?…&format=csv"
        )
