"""A user's own account page, and the administrator's user management in the workspace.

Users have no change history (they are not a domain record), so their detail page is not the generic one with
history, and they are never deleted: an administrator deactivates them, which also ends their open sessions.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from accounts.assignments import assigned_to
from accounts.forms import UserFilter, UserForm, UserUpdateForm, send_password_link
from accounts.models import User
from accounts.roles import ROLE_LABELS, roles_of
from strategy_portal.workspace import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    WorkspaceMixin,
    display_value,
    workspace_url,
)


def role_labels(user):
    return [ROLE_LABELS[role] for role in roles_of(user)]


class AccountView(LoginRequiredMixin, TemplateView):
    """Any logged-in user: who they are in the portal, their roles and projects, and where to change the password."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            roles=role_labels(user),
            assignments=assigned_to(user, include_archived=False),
            **kwargs,
        )


class ShownUserMixin:
    """The user shown is `object` (and `shown_user`), never `user`: that name is the logged-in user in templates."""

    context_object_name = "shown_user"


class UserListView(ObjectListView):
    model = User
    template_name = "accounts/user_list.html"
    filterset_class = UserFilter
    columns = ("username", "last_name", "first_name", "email", "is_active")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("groups")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for user in context["object_list"]:
            user.role_labels = role_labels(user)  # from the prefetched groups: no query per row
        return context


class UserDetailView(ShownUserMixin, ObjectDetailView):
    """A user's data, roles and projects. Users have no history, so the generic context is built without it."""

    model = User
    template_name = "accounts/user_detail.html"
    fields = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "last_login", "date_joined")

    def get_context_data(self, **kwargs):
        # Skip ObjectDetailView's context (it reads obj.history); WorkspaceMixin still adds opts and breadcrumbs.
        context = super(ObjectDetailView, self).get_context_data(**kwargs)
        user = self.object
        context.update(
            rows=[(User._meta.get_field(name).verbose_name, display_value(user, name)) for name in self.fields],
            roles=role_labels(user),
            assignments=assigned_to(user, include_archived=True),
            can_change=self.request.user.has_perm("accounts.change_user"),
        )
        return context


class ActingUserFormMixin:
    """The form learns who is editing, so an administrator cannot lock themselves out."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class UserCreateView(ShownUserMixin, ActingUserFormMixin, ObjectCreateView):
    """A new user gets no usable password but an e-mail with a link to choose one."""

    model = User
    form_class = UserForm

    def save_all(self, form, formsets):
        response = super().save_all(form, formsets)
        notify_password_link(self.request, self.object)
        return response


class UserUpdateView(ShownUserMixin, ActingUserFormMixin, ObjectUpdateView):
    model = User
    form_class = UserUpdateForm


class UserPasswordLinkView(ShownUserMixin, WorkspaceMixin, DetailView):
    """Send a user a new link to set their password (the first one expired, or they never got it)."""

    model = User
    action = "change"
    template_name = "accounts/user_password_link.html"

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Send a password link"), None),
        ]

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        if not user.is_active or not user.email:
            messages.error(request, _("Only an active user with an e-mail address can get a password link."))
        else:
            notify_password_link(request, user)
        return HttpResponseRedirect(workspace_url(user, "detail"))


def notify_password_link(request, user):
    """Send the password link and tell the administrator whether it went out."""
    try:
        send_password_link(user, request)
    except OSError:  # smtplib's errors are OSErrors too
        messages.error(
            request,
            _("The e-mail to %(email)s could not be sent. Try again later with “Send a password link”.")
            % {"email": user.email},
        )
    else:
        messages.info(
            request,
            _("An e-mail with a link to set the password was sent to %(email)s.") % {"email": user.email},
        )
