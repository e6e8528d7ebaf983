"""Downloads that apps above reports offer on the exports page (/berichte/). reports may neither import those apps nor
name their URLs, so they register here, in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class ExtraDownload:
    """A section of the exports page's side column: `template_name`, rendered with the page's context and, as
    `download`, what `context(request)` returns."""

    template_name: str
    context: Callable[[HttpRequest], dict[str, Any]]


EXTRA_DOWNLOADS: list[ExtraDownload] = []


def register(download: ExtraDownload) -> None:
    if download not in EXTRA_DOWNLOADS:
        EXTRA_DOWNLOADS.append(download)
