from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from budget.models import BudgetLine, CarryOver
from budget.services import carry_over, plan_carry_over, undo_carry_over
from strategy_portal.formatting import format_euro
from strategy_portal.workspace import WorkspaceMixin, workspace_url


class CarryOverView(WorkspaceMixin, DetailView):
    """Shows what carrying the line's unspent authorisation into the next year would do (or why it is refused);
    a POST carries it. Administrators only (`budget.carry_over_budgetline`)."""

    model = BudgetLine
    action = "carry_over"
    queryset = BudgetLine.objects.select_related("strategy")
    template_name = "budget/budgetline_carry_over.html"

    def get_context_data(self, **kwargs):
        try:
            kwargs["plan"] = plan_carry_over(self.object)
        except ValidationError as refusal:
            kwargs["refusal"] = " ".join(refusal.messages)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        line = self.get_object()
        try:
            record = carry_over(line=line, user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return HttpResponseRedirect(workspace_url(line, "detail"))
        messages.success(
            request,
            _("%(amount)s of unspent authorisation from %(year)s was carried into %(target)s.")
            % {"amount": format_euro(record.amount, cents=True), "year": line.year, "target": record.target},
        )
        return HttpResponseRedirect(workspace_url(record.target, "detail"))

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Carry over"), None),
        ]


class UndoCarryOverView(WorkspaceMixin, DetailView):
    """Shows what undoing a carry-over would restore; a POST undoes it (recorded in its history). Administrators
    only, like carrying over."""

    model = BudgetLine
    action = "carry_over"
    queryset = CarryOver.objects.active().select_related("origin__strategy", "target")
    template_name = "budget/carryover_undo.html"
    context_object_name = "carry_over"

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            undo_carry_over(record, user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(
                request,
                _("The carry-over of %(amount)s from %(year)s into %(next_year)s was undone.")
                % {"amount": format_euro(record.amount), "year": record.origin.year, "next_year": record.target.year},
            )
        return HttpResponseRedirect(workspace_url(record.origin, "detail"))

    def get_breadcrumbs(self):
        origin = self.object.origin
        return super().get_breadcrumbs() + [
            (str(origin), workspace_url(origin, "detail")),
            (_("Undo carry-over"), None),
        ]
