"""Which pages the benchmark measures: every route of the URL configuration that answers GET, read from the
resolver as tests/test_workspace_permissions.py does, its path parameters filled with real objects (the primary key
of an object of the view's model, slugs, a budget year, csv and xlsx for export formats), and every workspace list
also as its CSV and XLSX export. So a page added later is measured without touching this file.

Only what the URL configuration cannot tell is listed by hand below (ROUTE_MODELS, PARAMETERS, REQUIRED_QUERIES,
EXTRA_QUERIES). A
route whose parameters cannot be filled is reported as skipped with the reason, never silently left out.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import URLResolver, get_resolver, reverse
from django.views.generic.list import MultipleObjectMixin

from bench.scale_data import PREFIX, SLUG_PREFIX, synthetic_projects
from projects.models import Project, Strategy
from reports.models import CommitteePaper, Consultation, PaperAttachment
from stakeholders.models import Body, LegislativeTerm, Meeting, Membership, Organisation, Person
from strategy_portal.workspace import ObjectListView

EXPORT_FORMATS = ("csv", "xlsx")
SKIPPED_PREFIXES = ("admin/",)  # Django's admin is not the portal's
# The logout would end the measuring client's session; the reference views are measured on their own.
SKIPPED_NAMES = {"logout", "bench-bare", "bench-layout"}

# Views without a `model` whose <pk> names an object of this model.
ROUTE_MODELS = {
    "oparl:person": Person,
    "oparl:membership": Membership,
    "oparl:meeting": Meeting,
    "oparl:location": Meeting,
    "oparl:paper": CommitteePaper,
    "oparl:consultation": Consultation,
    "oparl:file": CommitteePaper,
    "oparl:paper-pdf": CommitteePaper,
    "oparl:paper-docx": CommitteePaper,
    "oparl:attachment-file": PaperAttachment,
    "oparl:attachment-download": PaperAttachment,
    "oparl:legislativeterm": LegislativeTerm,
    "reports:public-paper": CommitteePaper,
}
# Parameters that are not a primary key or a model's slug: (route name, parameter) -> value from the samples.
PARAMETERS = {
    ("projects:public-project-detail", "slug"): lambda samples: samples.project.slug,
    ("projects:public-actionfield", "slug"): lambda samples: samples.project.action_field.slug,
    ("projects:public-goal", "number"): lambda samples: samples.goal_number,
    ("oparl:body", "slug"): lambda samples: "landkreis-ludwigsburg",
    ("oparl:organization", "key"): lambda samples: f"gremium-{samples.object_of(Body).pk}",
    ("oparl:file", "extension"): lambda samples: "pdf",
    ("choices", "label"): lambda samples: "projects.project",
}
# Pages that need a query to answer at all: a document is uploaded to a chosen project.
REQUIRED_QUERIES = {
    "projects:document-create": lambda samples: f"?projekt={samples.project.pk}",
    "choices": lambda samples: "?q=Netzwerk",
}
# The last page of the project lists: the database must skip all rows before it.
EXTRA_QUERIES = {
    "projects:public-project-list": ("?page=last",),
    "projects:project-list": ("?page=last",),
}


class CannotFill(Exception):
    """A path parameter of a route has no value (the reason is the message)."""


@dataclass(frozen=True)
class Page:
    name: str  # the route name, with the query or export format where there is one
    url: str
    kind: str  # "list", "page" or "export"


@dataclass(frozen=True)
class Skipped:
    name: str
    route: str
    reason: str


@dataclass
class Samples:
    """The objects whose pages are measured: a synthetic, published project with status reports and indicators
    (the same one at every size, since growing keeps the projects already there), and for other models an object of
    that project, else a synthetic one, else the first."""

    project: Project
    year: int
    goal_number: int

    @classmethod
    def load(cls):
        strategy = Strategy.objects.get(is_featured=True)
        rich = synthetic_projects().filter(
            visibility=Project.Visibility.PUBLISHED,
            is_archived=False,
            status_reports__isnull=False,
            indicators__isnull=False,
        )
        project = rich.order_by("pk").first() or strategy.projects.order_by("pk").first()
        year = strategy.budget_lines.order_by("year").values_list("year", flat=True).first()
        goal = strategy.goals.order_by("number").first()
        return cls(project=project, year=year, goal_number=goal.number if goal else 1)

    def object_of(self, model):
        if model is None:
            raise CannotFill("the view names no model")
        if model is Project:
            return self.project
        for condition in self.preferences(model):
            found = model._default_manager.filter(condition).order_by("pk").first()
            if found is not None:
                return found
        raise CannotFill(f"no {model._meta.verbose_name} exists")

    def preferences(self, model):
        fields = {field.name: field for field in model._meta.get_fields()}
        project_field = fields.get("project")
        if project_field is not None and project_field.many_to_one and project_field.related_model is Project:
            yield Q(project=self.project)
            yield Q(project__slug__startswith=SLUG_PREFIX)
        if model in (Organisation, Person):
            yield Q(name__startswith=PREFIX)
        yield Q()


def routes(resolver=None, prefix="", namespace=""):
    """(route, name, pattern) of every URL pattern, the route with its prefixes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern


def discover(samples):
    """The pages to measure and the routes that had to be skipped."""
    pages, skipped = [], []
    for route, name, pattern in routes():
        if route.startswith(SKIPPED_PREFIXES) or name in SKIPPED_NAMES or not answers_get(pattern):
            continue
        try:
            pages += list(pages_of(name, pattern, samples))
        except CannotFill as reason:
            skipped.append(Skipped(name, route, str(reason)))
    return pages, skipped


def answers_get(pattern):
    """POST-only views (archive, revert, delete, …) are left out; a plain function view is taken to answer GET."""
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is None or ("get" in view_class.http_method_names and hasattr(view_class, "get"))


def view_model(name, pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    initkwargs = getattr(pattern.callback, "view_initkwargs", {}) or {}
    return initkwargs.get("model") or getattr(view_class, "model", None) or ROUTE_MODELS.get(name)


def pages_of(name, pattern, samples):
    view_class = getattr(pattern.callback, "view_class", None)
    kind = page_kind(name, view_class)
    for kwargs in parameter_sets(name, pattern, view_model(name, pattern), samples):
        url = reverse(name, kwargs=kwargs)
        if "format" in kwargs:
            yield Page(f"{name} ({kwargs['format']})", url, "export")
            continue
        if name in REQUIRED_QUERIES:
            url += REQUIRED_QUERIES[name](samples)
        yield Page(name, url, kind)
        for query in EXTRA_QUERIES.get(name, ()):
            yield Page(f"{name} {query}", url + query, kind)
        if view_class is not None and issubclass(view_class, ObjectListView):
            for format in EXPORT_FORMATS:
                yield Page(f"{name} ?format={format}", f"{url}?format={format}", "export")


def page_kind(name, view_class):
    is_list = view_class is not None and issubclass(view_class, MultipleObjectMixin)
    return "list" if is_list or name.endswith("-list") else "page"


def parameter_sets(name, pattern, model, samples):
    """The keyword arguments to reverse the route with: one set, or one per export format."""
    converters = list(pattern.pattern.converters)
    kwargs = {key: parameter(name, key, model, samples) for key in converters if key != "format"}
    if "format" in converters:
        return [{**kwargs, "format": format} for format in EXPORT_FORMATS]
    return [kwargs]


def parameter(name, key, model, samples):
    special = PARAMETERS.get((name, key))
    if special is not None:
        return special(samples)
    if key == "pk":
        return samples.object_of(model).pk
    if key == "project_pk":
        return samples.project.pk
    if key == "year":
        return samples.year
    if key == "slug" and model is not None and any(field.name == "slug" for field in model._meta.fields):
        return samples.object_of(model).slug
    raise CannotFill(f"no value for <{key}>")
