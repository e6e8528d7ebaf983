from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self) -> None:
        from stakeholders.filters import search_organisations, search_persons
        from stakeholders.models import Organisation, Person
        from strategy_portal import publication
        from strategy_portal.choices import register_choice_search

        register_choice_search(
            Organisation,
            "stakeholders.view_organisation",
            lambda user, text: search_organisations(Organisation.objects.all(), text),
        )
        register_choice_search(
            Person,
            "stakeholders.view_person",
            lambda user, text: search_persons(
                Person.objects.filter(publication.person_q(publication.audience_of(user))), text
            ),
        )
