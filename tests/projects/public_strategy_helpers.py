"""What the tests of the public strategy pages share: the paper's wording of the goals and action fields, and
reading a page."""

import html

# The paper's wording (Vorlage AUT_18/2025, section 2.2).
GOALS = {
    1: "Der Wirtschaftsstandort Landkreis Ludwigsburg hat sich als attraktiver, innovativer Standort mit einer eigenen "
    "Identität etabliert",
    2: "Industrielle Transformationsprozesse werden gezielt durch etablierte Strukturen zum Wissenstransfer, zur "
    "Gründungsförderung und zur Vernetzung stimuliert.",
    3: "Es existieren Rahmenbedingungen, die der Entwicklung neuer Branchen, wie Smart Produktion und Green Economy, "
    "sowie einer auf Nachhaltigkeit ausgerichteten Wirtschaft dienlich sind.",
    4: "Die kommunale Verwaltung wird als Impulsgeber und Unterstützer der regionalen Wirtschaft wahrgenommen.",
}
ACTION_FIELDS = {
    "identitaet-des-wirtschaftsstandorts": "Identität des Wirtschaftsstandorts schaffen und ausbauen",
    "bildung-fachkraefte": "Bildung und Fachkräfte für die Arbeitswelt von Morgen sichern",
    "vernetzung-wissenstransfer-gruendungsfoerderung": "Mit Wissenstransfer, Vernetzung und Gründungsförderung eine "
    "erfolgreiche Transformation gestalten",
    "verwaltung-wirtschaftsfoerderung-als-lotse-und-enabler": "Die Verwaltung und Wirtschaftsförderung als Lotse und "
    "Enabler",
    "ressourceneffizienz": "Ressourceneffizienz in der Wirtschaft fördern",
    "infrastruktur-raum": "Infrastruktur und Raum als Erfolgsfaktoren ausbauen",
}
EMPTY_FIELD = "infrastruktur-raum"


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())
