from django.urls import path

from accounts.models import User
from accounts.views import account, users
from strategy_portal.workspace import object_urls

app_name = "accounts"

# Users are deactivated, never deleted, and have no history to restore: no delete or revert routes.
user_urls = object_urls(
    "arbeitsbereich/benutzer",
    User,
    list_view=users.UserListView,
    create_view=users.UserFormView,
    detail_view=users.UserDetailView,
    update_view=users.UserFormView,
    revert_view=None,
    delete_view=None,
)

urlpatterns = [
    path("konto/", account.AccountView.as_view(), name="account"),
    *user_urls,
    path(
        "arbeitsbereich/benutzer/<int:pk>/passwort-link/",
        users.UserPasswordLinkView.as_view(),
        name="user-password-link",
    ),
]
