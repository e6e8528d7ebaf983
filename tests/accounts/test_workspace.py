import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from accounts import roles
from accounts.models import User
from tests.factories import ProjectFactory, UserFactory

LIST_URL = reverse("accounts:user-list")
CREATE_URL = reverse("accounts:user-create")
NEW_PASSWORD = "Fliederweg-Marbach-2025"


def detail_url(user):
    return reverse("accounts:user-detail", args=[user.pk])


def update_url(user):
    return reverse("accounts:user-update", args=[user.pk])


def password_link_url(user):
    return reverse("accounts:user-password-link", args=[user.pk])


def user_data(user, **changes):
    """The update form's data for `user` as it is, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "roles": roles.roles_of(user),
        "projects": list(user.led_projects.values_list("pk", flat=True)),
        "is_active": "on" if user.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def new_user_data(**changes):
    return {
        "username": "m.maier",
        "first_name": "Martina",
        "last_name": "Maier",
        "email": "m.maier@example.org",
        "roles": [roles.EDITOR],
        **changes,
    }


@pytest.fixture
def admin_client(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


@pytest.fixture
def someone(db):
    return UserFactory()


# Who may open the pages ----


def all_urls(user):
    return [LIST_URL, CREATE_URL, detail_url(user), update_url(user), password_link_url(user)]


def test_anonymous_is_sent_to_the_login_page_from_every_user_page(client, someone):
    for url in all_urls(someone):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("role", [roles.EDITOR, roles.COMMITTEE, roles.PROJECT_LEAD])
def test_only_administrators_manage_users(client, user_for_role, someone, role):
    client.force_login(user_for_role(role))

    for url in all_urls(someone):
        assert client.get(url).status_code == 403, url
    assert client.post(CREATE_URL, new_user_data()).status_code == 403
    assert client.post(update_url(someone), user_data(someone, is_active="")).status_code == 403
    assert client.post(password_link_url(someone)).status_code == 403
    someone.refresh_from_db()
    assert someone.is_active
    assert not User.objects.filter(username="m.maier").exists()
    assert mail.outbox == []


def test_administrator_opens_every_user_page(admin_client, someone):
    for url in all_urls(someone):
        assert admin_client.get(url).status_code == 200, url


def test_users_are_never_deleted_and_have_no_versions_to_restore():
    for name in ("accounts:user-delete", "accounts:user-revert"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


# List ----


def test_user_list_shows_name_email_roles_and_active_flag(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD, first_name="Lena", last_name="Leitner")

    page = admin_client.get(LIST_URL).content.decode()

    assert lead.username in page
    assert "Leitner" in page
    assert lead.email in page
    assert "Projektleitung" in page


def test_user_list_filters_by_role(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD)
    committee = user_for_role(roles.COMMITTEE)

    page = admin_client.get(LIST_URL, {"role": roles.PROJECT_LEAD}).content.decode()

    assert lead.username in page
    assert committee.username not in page


def test_user_list_filters_by_active_flag(admin_client, db):
    active = UserFactory()
    gone = UserFactory(is_active=False)

    inactive_page = admin_client.get(LIST_URL, {"is_active": "false"}).content.decode()
    active_page = admin_client.get(LIST_URL, {"is_active": "true"}).content.decode()

    assert gone.username in inactive_page
    assert active.username not in inactive_page
    assert active.username in active_page
    assert gone.username not in active_page


def test_user_list_queries_do_not_grow_with_users(admin_client, user_for_role, django_assert_max_num_queries):
    user_for_role(roles.EDITOR)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(LIST_URL)
    for role in [roles.EDITOR, roles.COMMITTEE, roles.PROJECT_LEAD, roles.ADMIN] * 3:
        user_for_role(role)

    with django_assert_max_num_queries(len(one)):
        assert admin_client.get(LIST_URL).status_code == 200


# Create ----


def link_path(message):
    return re.search(r"https?://[^/\s]+(/konto/reset/\S+/)", message.body).group(1)


def test_admin_creates_a_project_lead_assigned_to_a_project(admin_client, db):
    project = ProjectFactory()
    client = Client()  # the new user's browser

    response = admin_client.post(CREATE_URL, new_user_data(roles=[roles.PROJECT_LEAD], projects=[project.pk]))

    lead = User.objects.get(username="m.maier")
    assert response["Location"] == detail_url(lead)
    assert list(lead.groups.values_list("name", flat=True)) == [roles.PROJECT_LEAD]
    assert list(project.project_leads.all()) == [lead]
    assert not lead.is_staff
    assert not lead.has_usable_password()
    assert not client.login(request=HttpRequest(), username="m.maier", password="")
    assert client.post(reverse("login"), {"username": "m.maier", "password": ""}).status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["m.maier@example.org"]
    assert "m.maier" in mail.outbox[0].body


def test_the_link_sent_to_a_new_user_lets_them_set_a_password_and_log_in(admin_client, db):
    admin_client.post(CREATE_URL, new_user_data())
    client = Client()  # the new user's browser

    form_url = client.get(link_path(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == reverse("password_reset_complete")
    assert client.login(request=HttpRequest(), username="m.maier", password=NEW_PASSWORD)


def test_a_new_editor_may_use_the_django_admin(admin_client, db):
    admin_client.post(CREATE_URL, new_user_data(roles=[roles.EDITOR]))

    assert User.objects.get(username="m.maier").is_staff


def test_create_form_offers_the_roles_as_checkboxes_and_the_projects_as_a_searchable_list(admin_client, db):
    project = ProjectFactory()

    page = admin_client.get(CREATE_URL).content.decode()

    for role in roles.ROLE_LABELS:
        assert f'type="checkbox" class="form-check-input"  name="roles" value="{role}"' in page
    assert 'name="projects" data-searchable="true"' in page
    assert str(project) in page


def test_create_refuses_a_taken_username_and_saves_nothing(admin_client, someone):
    response = admin_client.post(CREATE_URL, new_user_data(username=someone.username))

    assert response.status_code == 200
    assert "Dieser Benutzername ist bereits vergeben." in response.content.decode()
    assert User.objects.filter(username=someone.username).count() == 1
    assert mail.outbox == []


def test_create_needs_a_role_and_an_email_address(admin_client, db):
    response = admin_client.post(CREATE_URL, new_user_data(roles=[], email=""))

    assert response.status_code == 200
    assert response.content.decode().count("Dieses Feld ist zwingend erforderlich.") == 2
    assert not User.objects.filter(username="m.maier").exists()
    assert mail.outbox == []


def test_create_refuses_an_email_address_another_user_has(admin_client, someone):
    response = admin_client.post(CREATE_URL, new_user_data(email=someone.email.upper()))

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not User.objects.filter(username="m.maier").exists()


# Detail ----


def test_user_page_shows_roles_and_projects_without_a_history(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD)
    project = ProjectFactory(project_leads=[lead])

    response = admin_client.get(detail_url(lead))

    page = response.content.decode()
    assert "Projektleitung" in page
    assert str(project) in page
    assert reverse("projects:project-detail", args=[project.pk]) in page
    assert "history-heading" not in page


def test_user_page_keeps_the_logged_in_user_in_the_navigation(admin_client, admin_user_role, someone):
    response = admin_client.get(detail_url(someone))

    assert response.context["user"] == admin_user_role
    assert response.context["object"] == someone


# Update ----


def test_admin_changes_roles_and_projects_and_the_staff_flag_follows(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD)
    old, new = ProjectFactory(project_leads=[lead]), ProjectFactory()

    response = admin_client.post(update_url(lead), user_data(lead, roles=[roles.EDITOR], projects=[new.pk]))

    assert response["Location"] == detail_url(lead)
    lead.refresh_from_db()
    assert roles.roles_of(lead) == [roles.EDITOR]
    assert lead.is_staff
    assert list(lead.led_projects.all()) == [new]
    assert not old.project_leads.exists()


def test_taking_the_editor_role_away_takes_the_staff_flag_too(admin_client, user_for_role):
    editor = user_for_role(roles.EDITOR, is_staff=True)

    admin_client.post(update_url(editor), user_data(editor, roles=[roles.COMMITTEE]))

    editor.refresh_from_db()
    assert roles.roles_of(editor) == [roles.COMMITTEE]
    assert not editor.is_staff


def test_a_superuser_keeps_the_staff_flag_whatever_the_roles(admin_client, db):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    admin_client.post(update_url(superuser), user_data(superuser, roles=[roles.COMMITTEE]))

    superuser.refresh_from_db()
    assert roles.roles_of(superuser) == [roles.COMMITTEE]
    assert superuser.is_staff


def test_update_keeps_groups_that_are_not_roles(admin_client, someone):
    other = Group.objects.create(name="newsletter")
    someone.groups.add(other)

    admin_client.post(update_url(someone), user_data(someone, roles=[roles.COMMITTEE]))

    assert set(someone.groups.values_list("name", flat=True)) == {"newsletter", roles.COMMITTEE}


def test_update_keeps_an_archived_project_the_user_already_leads(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD)
    archived = ProjectFactory(project_leads=[lead], is_archived=True)
    other_archived = ProjectFactory(is_archived=True)

    form = admin_client.get(update_url(lead)).context["form"]

    assert archived in form.fields["projects"].queryset
    assert other_archived not in form.fields["projects"].queryset


def test_deactivating_a_user_stops_their_login(admin_client, user_for_role):
    editor = user_for_role(roles.EDITOR)
    client = Client()  # the editor's browser, logged in while the administrator deactivates them
    client.force_login(editor)

    admin_client.post(update_url(editor), user_data(editor, is_active=""))

    editor.refresh_from_db()
    assert not editor.is_active
    assert client.get(reverse("reports:workspace"))["Location"].startswith(reverse("login"))
    assert not client.login(request=HttpRequest(), username=editor.username, password="correct horse battery staple")


def test_update_refuses_an_invalid_change_and_saves_nothing(admin_client, user_for_role):
    lead = user_for_role(roles.PROJECT_LEAD)

    response = admin_client.post(update_url(lead), user_data(lead, roles=[], first_name="Neu"))

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    lead.refresh_from_db()
    assert lead.first_name != "Neu"
    assert roles.roles_of(lead) == [roles.PROJECT_LEAD]


def test_admin_cannot_lock_themselves_out(admin_client, admin_user_role):
    response = admin_client.post(
        update_url(admin_user_role), user_data(admin_user_role, roles=[roles.EDITOR], is_active="")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"roles", "is_active"}
    admin_user_role.refresh_from_db()
    assert admin_user_role.is_active
    assert roles.roles_of(admin_user_role) == [roles.ADMIN]


# Password link ----


def test_admin_sends_a_user_a_new_password_link(admin_client, someone):
    response = admin_client.post(password_link_url(someone))

    assert response["Location"] == detail_url(someone)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [someone.email]
    assert "/konto/reset/" in mail.outbox[0].body


def test_a_deactivated_user_gets_no_password_link(admin_client, db):
    gone = UserFactory(is_active=False)

    admin_client.post(password_link_url(gone))

    assert mail.outbox == []
