"""What the budget adds to the pages of the projects app below it (strategy_portal/sections.py)."""

from budget.selectors import allocated_to
from projects.models import Project
from strategy_portal.sections import register_section

PUBLIC_PROJECT_MONEY = "public-project-money"  # the slot in projects/_public_project_facts.html


def register():
    register_section(
        Project,
        "budget/_public_project_allocated.html",
        lambda project, request: {"allocated": allocated_to(project)},
        slot=PUBLIC_PROJECT_MONEY,
    )
