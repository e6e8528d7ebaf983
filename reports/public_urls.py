"""Public pages (issue 4)."""

urlpatterns = []
