"""The stakeholders' own rules, as forms and the importer meet them through `full_clean`."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MembershipFactory, ParticipationEventFactory, PersonFactory


def test_it_rejects_a_public_figure_without_consent_or_public_function(db):
    person = PersonFactory.build(public_figure=True, public_function="  ")

    with pytest.raises(ValidationError) as error:
        person.clean()

    assert list(error.value.message_dict) == ["public_figure"]


@pytest.mark.parametrize(
    "grounds",
    [
        {"public_function": "Landrat"},
        {"consent_date": datetime.date(2025, 5, 2), "consent_covers_publication": True},
        {"public_figure": False},
    ],
)
def test_a_public_figure_needs_consent_or_a_public_function(db, grounds):
    person = PersonFactory.build(**{"public_figure": True, **grounds})

    assert clean_errors(person) == {}


def test_a_consent_that_does_not_cover_publication_makes_nobody_public(db):
    person = PersonFactory.build(
        public_figure=True, public_function="", consent_date=datetime.date(2025, 5, 2), consent_scope="Newsletter"
    )

    assert list(clean_errors(person)) == ["public_figure"]


def test_a_consent_to_publication_needs_its_date(db):
    person = PersonFactory.build(consent_covers_publication=True, consent_date=None)

    assert list(clean_errors(person)) == ["consent_date"]


def clean_errors(obj):
    """What the model's clean() reports, by field: {} when it accepts the object."""
    try:
        obj.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize("factory", [ParticipationEventFactory, MembershipFactory])
def test_it_names_the_end_date_when_the_end_lies_before_the_start(db, factory):
    obj = factory(start_date=datetime.date(2025, 3, 1))
    obj.end_date = datetime.date(2025, 2, 28)

    with pytest.raises(ValidationError) as error:
        obj.full_clean()

    assert error.value.message_dict == {"end_date": ["Das Ende darf nicht vor dem Beginn liegen."]}
