"""The administrator's user management in the workspace.

Users have no change history (they are not a domain record), so their detail page is not the generic one with
history, and they are never deleted: an administrator deactivates them, which also ends their open sessions.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from accounts.assignments import assigned_to
from accounts.forms import UserFilter, UserForm, UserUpdateForm, send_password_link
from accounts.models import User
from accounts.roles import ROLE_LABELS, roles_of
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView, WorkspaceMixin, workspace_url


def role_labels(user):
    return [ROLE_LABELS[role] for role in roles_of(user)]


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


# The user shown is `object` (and `shown_user`), never `user`: that name is the logged-in user in templates.
SHOWN_USER = "shown_user"


class UserDetailView(ObjectDetailView):
    """A user's data, roles and assignments (users have no history: the page shows none)."""

    model = User
    context_object_name = SHOWN_USER
    template_name = "accounts/user_detail.html"
    fields = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "last_login", "date_joined")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            roles=role_labels(self.object), assignments=assigned_to(self.object, include_archived=True), **kwargs
        )


class UserFormView(ObjectFormView):
    """A new user gets no usable password but an e-mail with a link to choose one. The form learns who is editing,
    so an administrator cannot lock themselves out."""

    model = User
    context_object_name = SHOWN_USER

    def get_form_class(self):
        return UserForm if self.creating else UserUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}

    def form_valid(self, form):
        creating = self.creating
        response = super().form_valid(form)
        if creating and self.object is not None:  # saved, not re-rendered with errors
            notify_password_link(self.request, self.object)
        return response


class UserPasswordLinkView(WorkspaceMixin, DetailView):
    """Send a user a new link to set their password (the first one expired, or they never got it)."""

    model = User
    context_object_name = SHOWN_USER
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
