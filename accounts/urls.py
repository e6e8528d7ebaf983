from django.urls import path

from accounts import views
from accounts.models import User
from strategy_portal.workspace import object_urls

app_name = "accounts"

# Users are deactivated, never deleted, and have no history to restore: no delete or revert routes.
user_urls = object_urls(
    "arbeitsbereich/benutzer",
    User,
    list_view=views.UserListView,
    create_view=views.UserFormView,
    detail_view=views.UserDetailView,
    update_view=views.UserFormView,
    revert_view=None,
    delete_view=None,
)

urlpatterns = [
    path("konto/", views.AccountView.as_view(), name="account"),
    *user_urls,
    path(
        "arbeitsbereich/benutzer/<int:pk>/passwort-link/",
        views.UserPasswordLinkView.as_view(),
        name="user-password-link",
    ),
]
