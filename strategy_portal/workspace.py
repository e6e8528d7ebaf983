"""The staff workspace's generic views: list, detail with history, one form view that creates or edits an object
with its inline formsets, archive and restore, revert to an earlier version, delete (administrators only, never what
others reference).

Each app declares its own views as short subclasses (model, form, filter, columns) and its URLs with the route
names `<model_name>-list`, `-create`, `-detail`, `-update`, `-archive`, `-revert`, `-delete` (`object_urls`). Every
view checks the model permission of its action; anonymous users are sent to the login page, others without the
permission get 403. An app's view subclasses one of these directly: at most three of the project's classes in a
view's MRO (the view, the generic view, WorkspaceMixin); what several views share is a function, not a mixin.
"""

from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.forms import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, UpdateView, View
from django_filters.views import FilterView

from strategy_portal.db import ArchivableModel, StaleEdit, TimestampedModel
from strategy_portal.display import display_value, readable_value
from strategy_portal.exports import streaming_table_response
from strategy_portal.forms import compact_textareas, share_choices, stale_message
from strategy_portal.history import changes_since, history_entries
from strategy_portal.pagination import check_page_number, page_links
from strategy_portal.publication import audience_of, hidden_fields, readable

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


def archivable(model) -> bool:
    return issubclass(model, ArchivableModel)


def has_perm(user, action, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


class WorkspaceMixin(PermissionRequiredMixin):
    """Login and the model permission of `action` (view, add, change, delete) are required."""

    model: type[Model]
    action = "view"
    show_list_crumb = True

    def get_action(self):
        return self.action

    def get_permission_required(self):
        opts = self.model._meta
        return [f"{opts.app_label}.{self.get_action()}_{opts.model_name}"]

    def get_breadcrumbs(self):
        crumbs = [(_("Workspace"), reverse(WORKSPACE_HOME))]
        if self.show_list_crumb:
            crumbs.append((self.model._meta.verbose_name_plural, list_url(self.model)))
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(opts=self.model._meta, breadcrumbs=self.get_breadcrumbs())
        if context.get("page_obj") is not None:  # a paginated list: its page links (templates/includes/pagination.html)
            context["pages"] = page_links(self.request, context["page_obj"])
        return context


class ObjectListView(WorkspaceMixin, FilterView):
    """A filterable, paginated table. `columns` names the fields shown; the first links to the detail page.

    With `?format=csv` or `?format=xlsx` the same filtered rows, all pages, are a download of the same columns."""

    template_name = "workspace/list.html"
    paginate_by = 25
    columns: tuple[str, ...] = ()
    show_list_crumb = False
    creatable = True  # False where new objects are made from their parent's page

    def paginate_queryset(self, queryset, page_size):
        check_page_number(self.request)
        return super().paginate_queryset(queryset, page_size)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.columns = readable(self.model._meta.label_lower, self.columns, audience_of(request.user))

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(self.model._meta.verbose_name_plural, None)]

    def get_queryset(self):
        queryset = super().get_queryset()
        if archivable(self.model) and not self.request.GET.get("archiviert"):
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
        context.update(
            columns=self.columns,
            headers=[field.verbose_name for field in self.column_fields()],
            can_add=self.creatable and has_perm(self.request.user, "add", self.model),
            archivable=archivable(self.model),
        )
        return context


class ObjectDetailView(WorkspaceMixin, DetailView):
    """The object's fields, the sections other apps add to it (strategy_portal/sections.py, rendered by the
    template) and its readable change list, with a button to restore each earlier version."""

    template_name = "workspace/detail.html"
    fields: tuple[str, ...] = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        hidden = hidden_fields(self.model._meta.label_lower, audience_of(user))
        context.update(
            rows=[detail_row(obj, name) for name in self.fields if name not in hidden],
            history=history_entries(obj, hidden=hidden) if isinstance(obj, TimestampedModel) else None,
            can_change=has_perm(user, "change", self.model),
            can_delete=has_perm(user, "delete", self.model),
            archivable=archivable(self.model),
        )
        return context

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [(str(self.object), None)]


def detail_row(obj, name):
    field = obj._meta.get_field(name)
    return field.verbose_name, readable_value(display_value(obj, name), field, cents=True)


class ObjectFormView(WorkspaceMixin, UpdateView):
    """Create (a route without `pk`) or edit an object with its inline formsets (children such as milestones),
    saved in one transaction. Django's hooks apply: `form_valid` saves, a subclass extends it."""

    template_name = "workspace/form.html"
    inlines: "tuple[type[BaseInlineFormSet[Any, Any, Any]], ...]" = ()
    # A create page opened from a parent's page (?organisation=3) starts with that parent chosen.
    initial_from_query: tuple[str, ...] = ()

    @property
    def creating(self):
        return "pk" not in self.kwargs

    def get_action(self):
        return "add" if self.creating else "change"

    def get_object(self, queryset=None):
        return None if self.creating else super().get_object(queryset)

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_from_query if self.creating else ():
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        compact_textareas(form)
        return form

    @cached_property
    def formsets(self):
        """The inline formsets, bound to the submitted data on POST; removing a child row is a delete, offered only
        to who may delete it."""
        bound = self.request.method == "POST"
        instance = self.object if self.object is not None else self.model()
        formsets = []
        for formset_class in self.inlines:
            opts = formset_class.model._meta
            formset = formset_class(
                self.request.POST if bound else None,
                self.request.FILES if bound else None,
                instance=instance,
                prefix=opts.model_name,
            )
            formset.label = opts.verbose_name_plural
            formset.can_delete = formset.can_delete and has_perm(self.request.user, "delete", formset_class.model)
            share_choices(formset)
            for form in formset.forms:
                compact_textareas(form, rows=2)
            formsets.append(formset)
        return formsets

    def form_valid(self, form):
        if not all(formset.is_valid() for formset in self.formsets):
            return self.form_invalid(form)
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except StaleEdit as stale:
            # Someone saved between this form's check and its save: refused as the check refuses.
            current = type(stale.obj)._base_manager.get(pk=stale.obj.pk)
            forms = [form, *(row for formset in self.formsets for row in formset.forms)]
            stale_form = next((f for f in forms if f.instance is stale.obj), form)
            stale_form.refuse_stale_save(current, stale.seen)
            return self.form_invalid(form)
        except ValidationError as refusal:
            # A rule checked while saving (by a service, under a lock): nothing was saved, the form says why.
            add_refusal(form, refusal)
            if self.creating:
                form.instance.pk = None
                form.instance._state.adding = True
                self.object = None
            return self.form_invalid(form)
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        # Validating the form wrote its input into the object: the page's title and links name it as stored.
        if self.object is not None and self.object.pk is not None:
            self.object.refresh_from_db()
        return super().form_invalid(form)

    def save(self, form):
        """Save the object and its inline formsets (inside a transaction); return the object. A ValidationError
        rolls all of it back and re-renders the form with its messages."""
        obj = form.save()
        for formset in self.formsets:
            formset.instance = obj
            formset.save()
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            formsets=self.formsets,
            formset_errors=any(formset.is_bound and not formset.is_valid() for formset in self.formsets),
            cancel_url=workspace_url(self.object, "detail") if self.object else list_url(self.model),
        )
        return context

    def get_success_url(self):
        return workspace_url(self.object, "detail")

    def get_breadcrumbs(self):
        if self.creating:
            return super().get_breadcrumbs() + [(_("New"), None)]
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Edit"), None),
        ]


def add_refusal(form, refusal):
    """Show a ValidationError raised while saving at the fields it names, the rest above the form."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for field, errors in refusal.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ObjectActionView(WorkspaceMixin, View):
    """A POST-only action on one object that redirects back to its detail page. An app's own action (one that
    refuses in some state, say) subclasses this and calls `restore_version` or `delete_object` in `perform`."""

    http_method_names = ["post"]
    # Set by object_urls (as_view(model=...)) or by the subclass; as_view only takes attributes the class has.
    model: type[Model] = None  # type: ignore[assignment]

    def get_queryset(self):
        return self.model._default_manager.all()

    def post(self, request, pk, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=pk)
        seen = request.POST.get("seen_version", "")
        if seen.isdigit() and int(seen) != self.object.version:
            # The page with the button showed an older version: say what changed instead of acting on it.
            messages.error(request, stale_message(self.object, *changes_since(self.object, int(seen))))
        else:
            self.perform(**kwargs)
        return HttpResponseRedirect(self.get_success_url())

    def perform(self, **kwargs):
        raise NotImplementedError

    def get_success_url(self):
        """The object's page, or its list once the action deleted it (`self.object` is None)."""
        return list_url(self.model) if self.object is None else workspace_url(self.object, "detail")


class ArchiveView(ObjectActionView):
    """Archive or restore an archived object: it leaves (or returns to) lists and public pages, nothing is deleted."""

    action = "change"

    def perform(self):
        self.object.is_archived = not self.object.is_archived
        self.object.save()
        if self.object.is_archived:
            messages.success(self.request, _("“%(object)s” was archived.") % {"object": self.object})
        else:
            messages.success(self.request, _("“%(object)s” was restored.") % {"object": self.object})


class RevertView(ObjectActionView):
    """Restore an earlier version from the object's history; the restore is itself a new history entry."""

    action = "change"

    def perform(self, history_id):
        self.object = restore_version(self.request, self.object, history_id)


def restore_version(request, obj, history_id, save=None):
    """`obj` as it was in its history entry `history_id`, saved as a new version (404 for another object's) by
    `save(restored)` (default: its save()). A ValidationError from `save` keeps `obj` as it is and says why."""
    record = get_object_or_404(obj.history, history_id=history_id)
    restored = record.instance
    restored._state.adding = False  # the object exists: an update, also for validate_unique
    restored.version = obj.version  # a save over the stored version; refused if someone saved since (StaleEdit)
    restored._change_reason = _("Restored the version of %(date)s") % {"date": record.history_date}
    try:
        with transaction.atomic():
            (save or type(restored).save)(restored)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return obj
    messages.success(request, _("The earlier version was restored."))
    return restored


class DeleteView(ObjectActionView):
    """Delete for good: administrators only, and never an object that other records still reference."""

    action = "delete"

    def perform(self):
        self.object = delete_object(self.request, self.object)


def delete_object(request, obj, delete=None):
    """Delete `obj` (by `delete(obj)`, default its delete()) and say so; None once deleted, `obj` itself when other
    records still reference it or `delete` refuses with a ValidationError."""
    label, pk = str(obj), obj.pk
    try:
        with transaction.atomic():
            (delete or type(obj).delete)(obj)
    except ValidationError as refusal:
        obj.pk = pk  # delete() forgets it even when the transaction rolls back
        messages.error(request, " ".join(refusal.messages))
        return obj
    except (ProtectedError, RestrictedError):
        messages.error(
            request,
            _("“%(object)s” is still referenced by other records and cannot be deleted. Archive it instead.")
            % {"object": label},
        )
        return obj
    messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
    return None


def export_rows(queryset, names):
    """The fields `names` of each object as typed cells, read from the database in chunks (constant memory)."""
    # A CSV streams after the view has returned: keep the request's language for the labels ("ja", "nein").
    with translation.override(translation.get_language()):
        for obj in queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            yield [display_value(obj, name) for name in names]


def object_urls(
    prefix,
    model,
    *,
    list_view=None,
    create_view=None,
    detail_view=None,
    update_view=None,
    revert_view=RevertView,
    delete_view=DeleteView,
) -> list[URLPattern]:
    """The workspace routes of one model under `prefix` (a German path such as "projekte"). `create_view` and
    `update_view` are usually the same ObjectFormView; `revert_view` and `delete_view` for models whose own rules
    (who may edit which row) must hold for restoring an earlier version or deleting too; None leaves a route out."""
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
    actions = [
        (revert_view, "<int:pk>/versionen/<int:history_id>/wiederherstellen/", "revert"),
        (delete_view, "<int:pk>/loeschen/", "delete"),
        (ArchiveView if archivable(model) else None, "<int:pk>/archivieren/", "archive"),
    ]
    patterns += [
        path(f"{prefix}/{route}", view.as_view(model=model), name=f"{name}-{action}")
        for view, route, action in actions
        if view
    ]
    return patterns
