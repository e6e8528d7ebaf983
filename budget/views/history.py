"""Restoring an earlier version of a money record, and deleting one, through the budget services: the line is
locked and the rules checked as for an edit in the form; a refusal is shown as the message."""

from budget import services
from budget.views.bookings import may_exceed_budget
from strategy_portal.workspace import ObjectActionView, delete_object, restore_version


class MoneyRevertView(ObjectActionView):
    action = "change"

    def perform(self, history_id):
        def save(entry):
            services.save_entry(entry, may_exceed=may_exceed_budget(self.request.user))

        self.object = restore_version(self.request, self.object, history_id, save=save)


class MoneyDeleteView(ObjectActionView):
    """Administrators only, like every delete."""

    action = "delete"

    def perform(self):
        self.object = delete_object(self.request, self.object, delete=services.delete_entry)
