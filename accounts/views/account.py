"""A user's own account page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from accounts.assignments import assigned_to
from accounts.views.users import role_labels


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
