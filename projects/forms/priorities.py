"""The weights of the priority score, previewed (what-if) and saved on the ranking page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import WEIGHT_MESSAGE
from projects.selectors.priorities import Weights

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ALL_ZERO_MESSAGE = _("At least one weight must be greater than 0.")


def weight_field(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        error_messages={
            "required": _("Enter a weight from 0 to 10."),
            "invalid": _("Enter a weight from 0 to 10."),
            "min_value": WEIGHT_MESSAGE,
            "max_value": WEIGHT_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "step": 1, "class": "form-control weight-input"}),
    )


class WeightsForm(forms.Form):
    """The three weights of the priority score: previewed with GET (what-if), saved with POST. The German parameter
    names make a preview a link that can be shared."""

    gewicht_fachlich = weight_field(_("Subject weighting"))
    gewicht_ressourcen = weight_field(_("Availability of staff and money"))
    gewicht_partner = weight_field(_("Partners' willingness"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        values = [cleaned.get(name) for name in self.fields]
        if all(value == 0 for value in values):
            raise forms.ValidationError(ALL_ZERO_MESSAGE, code="all_zero")
        return cleaned

    @classmethod
    def initial_for(cls, weights: Weights) -> dict[str, int]:
        return {
            "gewicht_fachlich": weights.subject,
            "gewicht_ressourcen": weights.resources,
            "gewicht_partner": weights.partners,
        }

    def weights(self) -> Weights:
        data = self.cleaned_data
        return Weights(data["gewicht_fachlich"], data["gewicht_ressourcen"], data["gewicht_partner"])
