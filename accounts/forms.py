"""The administrator's user form, and the e-mail that brings a user a link to set their password."""

from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template import loader
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.assignments import assignments
from accounts.models import User
from accounts.roles import ADMIN, ROLE_LABELS, roles_of, set_roles


class UserForm(forms.ModelForm):
    """Create a user: name, e-mail, roles and what the apps let assign (a project lead's projects, see
    accounts/assignments.py). `save()` sets them all."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=list(ROLE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Editors and administrators also get access to the Django administration."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: Any, acting_user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        for name in ("username", "first_name", "last_name", "email"):
            # Someone else's data: the browser must not offer the administrator's own name and address.
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if self.instance.pk:
            self.initial.setdefault("roles", roles_of(self.instance))
        for assignment in assignments():
            self.fields[assignment.name] = assignment.field(self.instance)
            if self.instance.pk:
                self.initial.setdefault(
                    assignment.name, list(assignment.assigned(self.instance).values_list("pk", flat=True))
                )
        self.order_fields(self.field_order)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("Another user already has this e-mail address. Each user needs their own address."),
                code="unique",
            )
        return email

    def save(self, commit: bool = True) -> User:
        """Save the user with their roles and assignments (always commits: the groups need a saved user)."""
        user = super().save(commit=False)
        if user._state.adding:
            user.set_unusable_password()  # the user chooses it through the link sent by e-mail
        set_roles(user, self.cleaned_data["roles"])
        for assignment in assignments():
            assignment.assign(user, self.cleaned_data[assignment.name])
        return user


class UserUpdateForm(UserForm):
    """Edit a user; deactivate instead of delete, so their name stays on what they wrote."""

    class Meta(UserForm.Meta):
        fields = [*UserForm.Meta.fields, "is_active"]

    field_order = ["username", "first_name", "last_name", "email", "roles", "projects", "is_active"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.acting_user is not None and self.instance.pk == self.acting_user.pk:
            # An administrator must not lock themselves out of user management.
            if ADMIN in roles_of(self.instance) and ADMIN not in cleaned.get("roles", [ADMIN]):
                self.add_error("roles", _("You cannot remove your own administrator role."))
            if cleaned.get("is_active") is False:
                self.add_error("is_active", _("You cannot deactivate your own account."))
        return cleaned


class PasswordLinkForm(PasswordResetForm):
    """Sends one given user a link to set their password, also a new user who has no usable password yet."""

    def __init__(self, user: User) -> None:
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email: str) -> list[User]:
        return [self.user] if self.user.is_active else []

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,  # the portal's e-mails are plain text
    ) -> None:
        # Unlike an anonymous reset request (which must not reveal anything), the administrator needs to know when
        # the e-mail could not be sent, so errors are raised instead of only logged.
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()


def send_password_link(user: User, request: HttpRequest) -> None:
    """E-mail `user` a one-time link to set their password; raises OSError when the mail server refuses."""
    form = PasswordLinkForm(user)
    if not form.is_valid():
        raise ValueError(f"user {user.pk} has no valid e-mail address")
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="accounts/password_link_subject.txt",
        email_template_name="accounts/password_link_email.txt",
        # django-stubs types this context as dict[str, str]; Django renders it like any template context, and the
        # template's {% blocktranslate count %} needs a number.
        extra_email_context={"valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))},  # type: ignore[dict-item]
    )


class UserFilter(django_filters.FilterSet):
    """The user list's filters: a search over names and e-mail, role, active or not."""

    search = django_filters.CharFilter(label=_("Search"), method="filter_search")
    role = django_filters.ChoiceFilter(
        label=capfirst(_("role")), field_name="groups__name", choices=list(ROLE_LABELS.items()), empty_label=_("All")
    )
    is_active = django_filters.BooleanFilter(
        label=capfirst(_("active")),
        widget=forms.Select(choices=[("", _("All")), ("true", _("active")), ("false", _("deactivated"))]),
    )

    class Meta:
        model = User
        fields = ["search", "role", "is_active"]

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )
