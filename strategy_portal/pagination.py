"""The portal's one pagination, rendered by templates/includes/pagination.html: for a list page (a ListView's
`page_obj`, `page_links`) and for lists that are part of a larger page (a dashboard section, a table under a detail
page; `paginate`). A page with several such lists gives each its own query parameter; the links keep every other
parameter and jump back to the list's section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination

T = TypeVar("T")

PER_PAGE = 25
PAGE_NUMBER = re.compile(r"[0-9]{1,9}|last")


def check_page_number(request: HttpRequest, param: str = "page") -> None:
    """For a ListView's `paginate_queryset`: a page number that is no number (nor "last") is the German 400 page, not
    a 404 or a database error. A number past the last page stays a 404: the list has become shorter."""
    number = request.GET.get(param)
    if number and not PAGE_NUMBER.fullmatch(number):
        raise BadRequest(_("The page number must be a whole number (1, 2, 3 …) or “last”."))


@dataclass(frozen=True)
class PageLink:
    label: str | int  # a page number or the paginator's ellipsis
    url: str | None  # None for the current page and the ellipsis
    current: bool = False


@dataclass(frozen=True)
class Pages(Generic[T]):
    page: Page[T]
    links: list[PageLink]
    previous_url: str | None
    next_url: str | None

    @property
    def rows(self) -> _SupportsPagination[T]:
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def is_paginated(self) -> bool:
        return self.page.has_other_pages()


def paginate(
    request: HttpRequest,
    items: _SupportsPagination[T],
    *,
    per_page: int = PER_PAGE,
    param: str = "page",
    anchor: str = "",
) -> Pages[T]:
    """The page of `items` that `?<param>=` names (a number or "last"; anything else gives the nearest page).

    Two queries on a queryset however long it is: its count and the page's rows."""
    paginator = Paginator(items, per_page)
    number = request.GET.get(param)
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    return page_links(request, page, param=param, anchor=anchor)


def page_links(request: HttpRequest, page: Page[T], *, param: str = "page", anchor: str = "") -> Pages[T]:
    """The links to the other pages of `page` (also a ListView's `page_obj`), keeping every other query parameter:
    the filters and the sorting."""
    paginator = page.paginator

    def url(number: str | int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    links = [
        PageLink(label, None if label in (page.number, paginator.ELLIPSIS) else url(label), label == page.number)
        for label in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return Pages(
        page=page,
        links=links,
        previous_url=url(page.previous_page_number()) if page.has_previous() else None,
        next_url=url(page.next_page_number()) if page.has_next() else None,
    )
