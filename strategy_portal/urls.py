from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from strategy_portal.choices import ChoiceSearchView
from strategy_portal.views import healthz

# Both answer without the database: a German 503 page while it is unreachable, the German 500 page otherwise.
handler500 = "strategy_portal.views.server_error"
handler400 = "strategy_portal.views.bad_request"  # German, naming the bad value where the portal's check says it

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Public, the same for everyone: the accessibility statement, imprint and privacy notice.
    path("barrierefreiheit/", TemplateView.as_view(template_name="pages/barrierefreiheit.html"), name="accessibility"),
    path("impressum/", TemplateView.as_view(template_name="pages/impressum.html"), name="imprint"),
    path("datenschutz/", TemplateView.as_view(template_name="pages/datenschutz.html"), name="privacy"),
    # The search of long select lists in the workspace's forms (strategy_portal/forms.py, SearchableMixin).
    path("arbeitsbereich/auswahl/<str:label>/", ChoiceSearchView.as_view(), name="choices"),
    path("oparl/v1.1/", include("oparl.urls")),
    path("konto/", include("accounts.auth_urls")),
    path("", include("projects.urls")),
    path("", include("reports.urls")),
    path("", include("exchange.urls")),
    path("", include("stakeholders.urls")),
    path("", include("budget.urls")),
    path("", include("accounts.urls")),
]
