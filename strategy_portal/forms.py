"""Form building blocks shared by the workspace's forms."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, which Django reads in every locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SearchableSelect(forms.Select):
    """A select list with a search box (static/js/portal.js), for long lists such as organisations."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"data-searchable": "true", **(attrs or {})}, choices=choices)


class SearchableSelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"data-searchable": "true", **(attrs or {})}, choices=choices)


def date_widgets(*names):
    return {name: DateInput() for name in names}


class WebAddressField(forms.URLField):
    """A web address typed without a scheme is read as https (Django 6's default, without its warning)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
