"""The layer order (pyproject.toml, [tool.importlinter]) holds for templates too: an app's templates link only to
routes of its own app and the apps below it. (import-linter checks the Python imports in `make lint`.)"""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
URL_TAG = re.compile(r"\{%\s*url\s+['\"](?P<namespace>[a-z_]+):")


def layer_ranks():
    """App name → rank, 0 for the shared base; apps sharing a layer ("oparl | exchange") share a rank."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    return {app.strip(): rank for rank, layer in enumerate(reversed(layers)) for app in layer.split("|")}


def upward_links(ranks):
    for app, rank in ranks.items():
        for template in sorted((ROOT / app / "templates").rglob("*.html")):
            for match in URL_TAG.finditer(template.read_text(encoding="utf-8")):
                target = match["namespace"]
                if ranks.get(target, -1) > rank:
                    yield f"{template.relative_to(ROOT)} links up to {target}"


def test_no_template_links_to_an_app_above_its_own():
    assert list(upward_links(layer_ranks())) == []


def test_the_check_finds_an_upward_link(tmp_path, monkeypatch):
    template = tmp_path / "accounts" / "templates" / "accounts" / "x.html"
    template.parent.mkdir(parents=True)
    template.write_text("<a href=\"{% url 'reports:workspace' %}\">", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert list(upward_links({"accounts": 1, "reports": 5})) == [
        "accounts/templates/accounts/x.html links up to reports"
    ]
