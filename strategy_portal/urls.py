from django.contrib import admin
from django.urls import include, path

from strategy_portal.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("konto/", include("django.contrib.auth.urls")),
    path("", include("projects.urls")),
    path("", include("reports.urls")),
    path("", include("stakeholders.urls")),
    path("", include("budget.urls")),
    path("", include("accounts.urls")),
]
