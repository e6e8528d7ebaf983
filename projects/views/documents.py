"""The workspace pages of documents, the files attached to a project, participation event or meeting: upload,
details, renaming, download and deletion. What an upload may be: projects/uploads.py."""

from functools import partial

from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View

from projects.forms.documents import DocumentForm, DocumentTitleForm
from projects.models import Document, Project
from projects.uploads import PARAMETER_OF_FIELD, PARENT_PARAMETERS, download_name, file_download
from stakeholders.models import Meeting, ParticipationEvent
from strategy_portal.workspace import (
    WORKSPACE_HOME,
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    WorkspaceMixin,
    delete_object,
    workspace_url,
)


def optional_url(model_or_object, action):
    """A workspace page that may not exist (yet): the events' and meetings' pages live in another app."""
    try:
        return workspace_url(model_or_object, action)
    except NoReverseMatch:
        return None


def parent_url(document):
    """The page of the document's parent, else the workspace start page (reads the parent relation)."""
    return optional_url(document.get_parent(), "detail") or reverse(WORKSPACE_HOME)


def parent_crumbs(parent):
    crumbs = [
        (parent._meta.verbose_name_plural, optional_url(type(parent), "list")),
        (str(parent), optional_url(parent, "detail")),
    ]
    return [(label, url) for label, url in crumbs if url]


def parent_queryset(field, user):
    if field == "project":
        return Project.objects.visible_to(user)
    if field == "participation_event":
        return ParticipationEvent.objects.all()
    return Meeting.objects.select_related("body")


class DocumentCreateView(ObjectFormView):
    """Upload a document to the project, event or meeting named in the query (?projekt=, ?beteiligung=, ?sitzung=)."""

    model = Document
    form_class = DocumentForm

    @cached_property
    def parent_field(self):
        given = [field for key, field in PARENT_PARAMETERS.items() if key in self.request.GET]
        if len(given) != 1:
            raise BadRequest(_("A document belongs to exactly one project, participation event or meeting: name one."))
        return given[0]

    @cached_property
    def parent(self):
        pk = self.request.GET[PARAMETER_OF_FIELD[self.parent_field]]
        if not pk.isdigit():
            raise Http404
        return get_object_or_404(parent_queryset(self.parent_field, self.request.user), pk=pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Document(uploaded_by=self.request.user, **{self.parent_field: self.parent})
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = optional_url(self.parent, "detail") or reverse(WORKSPACE_HOME)
        return context

    def get_success_url(self):
        return optional_url(self.parent, "detail") or workspace_url(self.object, "detail")

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + parent_crumbs(self.parent) + [(_("New document"), None)]


# A document's page and form name who uploaded it and link its parent.
DOCUMENTS = Document.objects.select_related("uploaded_by", "project", "participation_event", "meeting__body")


class DocumentDetailView(ObjectDetailView):
    model = Document
    template_name = "projects/document_detail.html"
    fields = ("title", "original_name", "content_type", "uploaded_by", "created")
    queryset = DOCUMENTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.object.get_parent()
        context["rows"] += [(_("size"), filesizeformat(self.object.size)), (parent._meta.verbose_name, parent)]
        context.update(parent=parent, parent_url=optional_url(parent, "detail"))
        return context

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + parent_crumbs(self.object.get_parent()) + [(str(self.object), None)]


class DocumentUpdateView(ObjectFormView):
    model = Document
    form_class = DocumentTitleForm
    queryset = DOCUMENTS


class DocumentDownloadView(WorkspaceMixin, View):
    """The stored file as an attachment of its detected type; the headers keep any browser from rendering it."""

    model = Document
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        return file_download(document.file, download_name(document), document.content_type)


class DocumentDeleteView(ObjectActionView):
    """Administrators only: the row goes, and its file once the deletion is committed."""

    model = Document
    action = "delete"

    def perform(self):
        stored = self.object.file
        self.back_url = parent_url(self.object)
        self.object = delete_object(self.request, self.object)
        if self.object is None:
            transaction.on_commit(partial(stored.storage.delete, stored.name))

    def get_success_url(self):
        return self.back_url if self.object is None else super().get_success_url()
