"""Pagination of lists that are part of a larger page (a dashboard section, a table under a detail page). A page with
several such lists gives each its own query parameter; the links keep every other parameter and jump back to the
list's section. Rendered by templates/includes/pagination.html."""

from dataclasses import dataclass

from django.core.paginator import Paginator

PER_PAGE = 25


@dataclass(frozen=True)
class PageLink:
    label: object  # a page number or the paginator's ellipsis
    url: str | None  # None for the current page and the ellipsis
    current: bool = False


@dataclass(frozen=True)
class Pages:
    page: object  # django.core.paginator.Page
    links: list
    previous_url: str | None
    next_url: str | None

    @property
    def rows(self):
        return self.page.object_list

    @property
    def count(self):
        return self.page.paginator.count

    @property
    def is_paginated(self):
        return self.page.has_other_pages()


def paginate(request, items, *, per_page=PER_PAGE, param="page", anchor=""):
    """The page of `items` that `?<param>=` names (a number or "last"; anything else gives the nearest page).

    Two queries on a queryset however long it is: its count and the page's rows."""
    paginator = Paginator(items, per_page)
    number = request.GET.get(param)
    page = paginator.get_page(paginator.num_pages if number == "last" else number)

    def url(number):
        query = request.GET.copy()
        query[param] = number
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
