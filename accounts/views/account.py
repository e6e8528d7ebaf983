"""A user's own account page, and the request for a password-reset e-mail."""

from http import HTTPStatus

from axes.helpers import get_client_ip_address
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.assignments import assigned_to
from accounts.throttle import password_reset_allowed
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


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Public, like Django's: the password-reset form, which sends at most so many e-mails per address and accepts at
    most so many requests per client (accounts/throttle.py). Over the limit it says so and sends nothing."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        client_ip = get_client_ip_address(self.request) or ""
        if not password_reset_allowed(email=form.cleaned_data["email"], client_ip=client_ip):
            form.add_error(None, _("Too many requests to reset a password. Please try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=HTTPStatus.TOO_MANY_REQUESTS)
        return super().form_valid(form)
