"""Workspace routes for the strategy's structure (phases, goals, action fields, findings, external initiatives)."""

urlpatterns = []
