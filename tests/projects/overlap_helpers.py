"""What the overlap tests share: external initiatives next to the seed's projects."""

import pytest

from projects.models import ExternalInitiative


@pytest.fixture
def initiatives(seeded):
    """External initiatives of three levels next to the seed's projects."""
    return {
        "start-ups": ExternalInitiative.objects.create(
            strategy=seeded,
            title="Start-up-Förderung der Region Stuttgart",
            level=ExternalInitiative.Level.REGION,
            description="Netzwerk für Gründerinnen, Gründer und Start-ups mit dem Mittelstand der Region",
        ),
        "school": ExternalInitiative.objects.create(
            strategy=seeded,
            title="Welcome Center für internationale Fachkräfte",
            level=ExternalInitiative.Level.STATE,
            description="Beratung ausländischer Fachkräfte und ihrer Familien, auch zu internationalen Schulen",
        ),
        "climate": ExternalInitiative.objects.create(
            strategy=seeded,
            title="KEFF+ Klimaschutz und Energieeffizienz in Unternehmen",
            level=ExternalInitiative.Level.STATE,
            description="Regionale Kompetenzstellen für Energieeffizienz in kleinen und mittleren Unternehmen",
        ),
    }


def project(seeded, number):
    return seeded.projects.get(number=number)
