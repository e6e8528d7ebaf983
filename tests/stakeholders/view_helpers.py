"""What the tests of the stakeholders' workspace pages share: their addresses, factories and form data."""

from django.urls import reverse


def url(model_name, action, *args):
    return reverse(f"stakeholders:{model_name}-{action}", args=args)
