"""The staff workspace's generic views: list, detail with history, create and update with inline formsets,
archive and restore, revert to an earlier version, delete (administrators only, never what others reference).

Each app declares its own views as short subclasses (model, form, filter, columns) and its URLs with the route
names `<model_name>-list`, `-create`, `-detail`, `-update`, `-archive`, `-revert`, `-delete`. Every view checks the
model permission of its action; anonymous users are sent to the login page, others without the permission get 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.forms import DecimalField, ModelChoiceField, Textarea, TextInput
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django.views.generic.edit import CreateView, UpdateView
from django_filters.views import FilterView

from strategy_portal.display import display_value, readable_value
from strategy_portal.exports import streaming_table_response
from strategy_portal.forms import list_only_chosen
from strategy_portal.history import history_entries

WORKSPACE_HOME = settings.WORKSPACE_HOME  # the workspace's start page, a route of an app (settings.py)
EXPORT_CHUNK_SIZE = 2000  # rows read from the database at a time while a list is exported


def workspace_url(model_or_object, action, *args):
    opts = model_or_object._meta
    if action not in {"list", "create"} and not args:
        args = (model_or_object.pk,)
    return reverse(f"{opts.app_label}:{opts.model_name}-{action}", args=args)


def list_url(model):
    """The model's list page, or the workspace start page for models listed only inside their parent."""
    try:
        return workspace_url(model, "list")
    except NoReverseMatch:
        return reverse(WORKSPACE_HOME)


class WorkspaceMixin(PermissionRequiredMixin):
    """Login and the model permission of `action` (view, add, change, delete) are required."""

    action = "view"

    def get_permission_required(self):
        opts = self.model._meta
        return [f"{opts.app_label}.{self.action}_{opts.model_name}"]

    def get_breadcrumbs(self):
        crumbs = [(_("Workspace"), reverse(WORKSPACE_HOME))]
        if getattr(self, "show_list_crumb", True):
            crumbs.append((self.model._meta.verbose_name_plural, list_url(self.model)))
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(opts=self.model._meta, breadcrumbs=self.get_breadcrumbs())
        return context


class ObjectListView(WorkspaceMixin, FilterView):
    """A filterable, paginated table. `columns` names the fields shown; the first links to the detail page.

    With `?format=csv` or `?format=xlsx` the same filtered rows, all pages, are a download of the same columns."""

    template_name = "workspace/list.html"
    paginate_by = 25
    columns = ()
    show_list_crumb = False
    creatable = True  # False where new objects are made from their parent's page

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(self.model._meta.verbose_name_plural, None)]

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(self.model, "is_archived") and not self.request.GET.get("archiviert"):
            queryset = queryset.filter(is_archived=False)
        return queryset

    def get(self, request, *args, **kwargs):
        if "format" in request.GET:
            return self.export(request.GET["format"])
        return super().get(request, *args, **kwargs)

    def export(self, format):
        """The rows the filters select, as FilterView.get finds them, streamed in chunks (constant memory)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_valid() or not self.get_strict():
            queryset = self.filterset.qs
        else:
            queryset = self.filterset.queryset.none()
        fields = self.column_fields()
        queryset = queryset.select_related(*[f.name for f in fields if f.many_to_one or f.one_to_one])
        queryset = queryset.prefetch_related(*[f.name for f in fields if f.many_to_many])
        headers = [str(capfirst(field.verbose_name)) for field in fields]
        filename = slugify(str(self.model._meta.verbose_name_plural))
        return streaming_table_response(filename, headers, export_rows(queryset, self.columns), format=format)

    def column_fields(self):
        return [self.model._meta.get_field(name) for name in self.columns]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = self.column_fields()
        context.update(
            columns=self.columns,
            headers=[field.verbose_name for field in fields],
            can_add=self.creatable
            and self.request.user.has_perm(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}"),
            archivable=hasattr(self.model, "is_archived"),
        )
        return context


class ObjectDetailView(WorkspaceMixin, DetailView):
    """The object's fields and its readable change list, with a button to restore each earlier version."""

    template_name = "workspace/detail.html"
    fields = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        user = self.request.user
        context.update(
            rows=[
                (
                    opts.get_field(name).verbose_name,
                    readable_value(display_value(self.object, name), opts.get_field(name)),
                )
                for name in self.fields
            ],
            history=history_entries(self.object) if hasattr(self.object, "history") else None,
            can_change=user.has_perm(f"{opts.app_label}.change_{opts.model_name}"),
            can_delete=user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"),
            archivable=hasattr(self.object, "is_archived"),
        )
        return context

    def row(self, field):
        return field.verbose_name, readable_value(display_value(self.object, field.name), field)

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(str(self.object), None)]


class InlineFormsetsMixin:
    """Saves the object and its inline formsets (children such as milestones) in one transaction."""

    inlines = ()

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        instance = self.object if self.object is not None else self.model()
        formsets = []
        for formset_class in self.inlines:
            opts = formset_class.model._meta
            formset = formset_class(data, files, instance=instance, prefix=opts.model_name)
            formset.label = opts.verbose_name_plural
            # Removing a child row is a delete: only for who may delete it (before the forms are built).
            formset.can_delete = formset.can_delete and self.request.user.has_perm(
                f"{opts.app_label}.delete_{opts.model_name}"
            )
            share_choices(formset)
            for form in formset.forms:
                compact_textareas(form, rows=2)
            formsets.append(formset)
        return formsets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formsets = context.setdefault("formsets", self.get_formsets())
        context.update(
            formset_errors=any(formset.is_bound and not formset.is_valid() for formset in formsets),
            cancel_url=workspace_url(self.object, "detail") if self.object else list_url(self.model),
        )
        return context

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        compact_textareas(form)
        return form

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.editing else None
        form = self.get_form()
        formsets = self.get_formsets()
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            return self.save_all(form, formsets)
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def save_all(self, form, formsets):
        with transaction.atomic():
            self.object = form.save()
            for formset in formsets:
                formset.instance = self.object
                formset.save()
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return workspace_url(self.object, "detail")


class ObjectCreateView(WorkspaceMixin, InlineFormsetsMixin, CreateView):
    template_name = "workspace/form.html"
    action = "add"
    editing = False
    # A create page opened from a parent's page (?organisation=3) starts with that parent chosen.
    initial_from_query = ()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_from_query:
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(_("New"), None)]


class ObjectUpdateView(WorkspaceMixin, InlineFormsetsMixin, UpdateView):
    template_name = "workspace/form.html"
    action = "change"
    editing = True

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Edit"), None),
        ]


class ObjectActionView(WorkspaceMixin, View):
    """A POST-only action on one object that redirects back to its detail page."""

    http_method_names = ["post"]
    model = None

    def post(self, request, pk, **kwargs):
        self.object = get_object_or_404(self.model, pk=pk)
        self.perform(**kwargs)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return workspace_url(self.object, "detail")


class ArchiveView(ObjectActionView):
    """Archive or restore an archived object: it leaves (or returns to) lists and public pages, nothing is deleted."""

    action = "change"

    def perform(self):
        self.object.is_archived = not self.object.is_archived
        if hasattr(self.object, "version"):
            self.object.version += 1
        self.object.save()
        if self.object.is_archived:
            messages.success(self.request, _("“%(object)s” was archived.") % {"object": self.object})
        else:
            messages.success(self.request, _("“%(object)s” was restored.") % {"object": self.object})


class RevertView(ObjectActionView):
    """Restore an earlier version from the object's history; the restore is itself a new history entry."""

    action = "change"

    def perform(self, history_id):
        record = get_object_or_404(self.object.history, history_id=history_id)
        restored = record.instance
        if hasattr(restored, "version"):
            restored.version = self.object.version + 1
        restored._change_reason = _("Restored the version of %(date)s") % {"date": record.history_date}
        restored.save()
        self.object = restored
        messages.success(self.request, _("The earlier version was restored."))


class DeleteView(ObjectActionView):
    """Delete for good: administrators only, and never an object that other records still reference."""

    action = "delete"

    def perform(self):
        label = str(self.object)
        try:
            with transaction.atomic():
                self.object.delete()
        except (ProtectedError, RestrictedError):
            messages.error(
                self.request,
                _("“%(object)s” is still referenced by other records and cannot be deleted. Archive it instead.")
                % {"object": label},
            )
            return
        messages.success(self.request, _("“%(object)s” was deleted.") % {"object": label})
        self.object = None

    def get_success_url(self):
        if self.object is None:
            return list_url(self.model)
        return super().get_success_url()


def compact_textareas(form, rows=4):
    """Shorter text areas, and amounts typed the German way ("1234,56"; "1234.56" is read too)."""
    for field in form.fields.values():
        if isinstance(field.widget, Textarea):
            field.widget.attrs["rows"] = rows
        elif isinstance(field, DecimalField):
            field.localize = True
            field.widget = TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
            field.widget.is_localized = True


def share_choices(formset):
    """Read each select list's choices once for all forms of a formset, not once per row (constant queries)."""
    shared = {}
    forms = [*formset.forms, formset.empty_form]
    # Too long a list (10,000 projects) is not listed at all: each row gets only its own choice, and a search.
    remote = {name for name in forms[0].fields if list_only_chosen(forms, name)}
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field, ModelChoiceField) and not field.widget.is_hidden and name not in remote:
                if name not in shared:
                    shared[name] = list(field.choices)
                field.choices = shared[name]


def export_rows(queryset, names):
    """The fields `names` of each object as typed cells, read from the database in chunks (constant memory)."""
    # A CSV streams after the view has returned: keep the request's language for the labels ("ja", "nein").
    with translation.override(translation.get_language()):
        for obj in queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            yield [display_value(obj, name) for name in names]


def object_urls(
    prefix, model, *, list_view=None, create_view=None, detail_view=None, update_view=None, revert_view=RevertView
):
    """The workspace routes of one model under `prefix` (a German path such as "projekte"); `revert_view` for models
    whose own rules (who may edit which row) must hold for restoring an earlier version too."""
    name = model._meta.model_name
    routes = [
        (list_view, "", "list"),
        (create_view, "neu/", "create"),
        (detail_view, "<int:pk>/", "detail"),
        (update_view, "<int:pk>/bearbeiten/", "update"),
    ]
    patterns = [
        path(f"{prefix}/{route}", view.as_view(), name=f"{name}-{action}") for view, route, action in routes if view
    ]
    patterns += [
        path(
            f"{prefix}/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
            revert_view.as_view(model=model),
            name=f"{name}-revert",
        ),
        path(f"{prefix}/<int:pk>/loeschen/", DeleteView.as_view(model=model), name=f"{name}-delete"),
    ]
    if hasattr(model, "is_archived"):
        patterns.append(
            path(f"{prefix}/<int:pk>/archivieren/", ArchiveView.as_view(model=model), name=f"{name}-archive")
        )
    return patterns
