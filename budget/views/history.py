"""Restoring an earlier version of a money record, and deleting one, through the budget services: the line is
locked and the rules checked as for an edit in the form."""

from budget import services
from budget.views.bookings import may_exceed_budget
from strategy_portal.workspace import DeleteView, RevertView


class MoneyRevertView(RevertView):
    def save(self, obj):
        services.save_entry(obj, may_exceed=may_exceed_budget(self.request.user))


class MoneyDeleteView(DeleteView):
    def delete(self, obj):
        services.delete_entry(obj)
