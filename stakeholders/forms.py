from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Body, Meeting, Membership, Organisation, ParticipationEvent, Person
from strategy_portal.forms import SearchableSelect, SlugFromTitleMixin, VersionedForm, WebAddressField, date_widgets


class OrganisationForm(VersionedForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "category", "municipality", "website", "is_sponsor"]
        field_classes = {"website": WebAddressField}
        widgets = {"website": forms.URLInput(attrs={"placeholder": "https://"})}


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "name", "given_name", "family_name", "public_function", "organisation", "public_figure", "consent_date",
            "consent_scope", "consent_covers_publication", "email", "phone", "notes",
        ]  # fmt: skip
        widgets = {**date_widgets("consent_date"), "organisation": SearchableSelect}
        help_texts = {
            "public_figure": _(
                "May be named on public pages and in OParl: only in a public function (e.g. “Landrat”) or with a "
                "consent that covers publication."
            ),
            "notes": _("Only what the office needs for its task. No private addresses."),
        }


class BodyForm(VersionedForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "purpose"]


class MeetingForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "start_time", "title", "is_public", "location"]
        widgets = {**date_widgets("date"), "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class ParticipationEventForm(SlugFromTitleMixin, VersionedForm):
    class Meta:
        model = ParticipationEvent
        fields = [
            "kind", "title", "slug", "start_date", "end_date", "participants_count", "participants_qualifier",
            "participant_groups", "description", "outcomes",
        ]  # fmt: skip
        widgets = date_widgets("start_date", "end_date")
        help_texts = {
            "slug": _("Part of the web address; left empty, it is made from the title."),
            "end_date": _("For events that run longer than a day, such as a survey."),
        }


MembershipFormSet = inlineformset_factory(
    Body,
    Membership,
    form=VersionedForm,
    fields=["person", "organisation", "role", "function", "start_date", "end_date"],
    widgets={
        **date_widgets("start_date", "end_date"),
        "person": SearchableSelect,
        "organisation": SearchableSelect,
    },
    extra=1,
    can_delete=True,
)
MeetingFormSet = inlineformset_factory(
    Body,
    Meeting,
    form=VersionedForm,
    fields=["date", "title", "is_public", "location"],
    widgets=date_widgets("date"),
    extra=1,
    can_delete=True,
)
