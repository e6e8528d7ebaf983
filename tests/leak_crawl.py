"""A crawler for the leak test (tests/test_publication_leaks.py): it walks a site as one client, reads the text of
every answer (HTML, JSON, CSV, XLSX, DOCX, PDF) and records where a forbidden string turns up.

It follows every same-site link of a page (a href, link href, GET forms without their fields) and, in JSON, every
string that starts with the site's address (the OParl system links its objects so). At most `per_route` URLs of one
route pattern (and one set of query parameter names) are visited, so that a list of a thousand rows costs three
requests; the URLs given to `visit` are always fetched, whatever the cap."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

import pypdf
from django.test import Client
from django.urls import Resolver404, resolve

BASE = "http://testserver"
# Never fetched: what a GET would change (logging out) or what is not the portal's (Django's admin, static files).
SKIPPED_PREFIXES = ("/static/", "/admin/", "/konto/logout/")
# Query parameters whose value makes a different kind of answer (an export format), not another page of the same.
KIND_PARAMETERS = ("format",)


@dataclass
class Answer:
    url: str
    status: int
    content_type: str
    text: str  # the body's text, after the Location and Content-Disposition headers
    location: str = ""
    body: str = ""  # as it came, decoded (for the links)


@dataclass
class Crawl:
    client: Client
    per_route: int = 3
    answers: dict[str, Answer] = field(default_factory=dict)
    linked: dict[str, set[str]] = field(default_factory=dict)  # {URL found (path and query): the URLs it was in}
    _queue: deque = field(default_factory=deque)
    _seen: set[str] = field(default_factory=set)
    _per_key: Counter = field(default_factory=Counter)

    def visit(self, *urls: str) -> None:
        """Fetch the URLs (whatever the cap) and everything reachable from them."""
        for url in urls:
            self._enqueue(url, forced=True)
        while self._queue:
            self._fetch(self._queue.popleft())

    def get(self, url: str) -> Answer:
        """Fetch one URL (again) without following its links, e.g. a search with a query."""
        answer = self._answer(url)
        self.answers[url] = answer
        return answer

    def found(self, needles: dict[str, str]) -> list[str]:
        """'label "needle" in url (status)' for every needle in every answer's text."""
        hits = []
        for answer in self.answers.values():
            haystack = compact(answer.text)
            for label, needle in needles.items():
                if compact(needle) in haystack:
                    hits.append(f'{label} "{needle}" in {answer.url} ({answer.status}, {answer.content_type})')
        return hits

    def linking(self, url: str) -> set[str]:
        """The other answers that link to `url`."""
        return self.linked.get(url, set()) - {url}

    def urls_of(self, prefix: str) -> list[str]:
        return [url for url in self.answers if url.startswith(prefix)]

    # --- the walk ------------------------------------------------------------------------------------------------

    def _enqueue(self, link: str, *, forced: bool = False) -> None:
        url = local(link)
        if url is None or url in self._seen or url.startswith(SKIPPED_PREFIXES):
            return
        key = route_key(url)
        if not forced and self._per_key[key] >= self.per_route:
            return
        self._per_key[key] += 1
        self._seen.add(url)
        self._queue.append(url)

    def _fetch(self, url: str) -> None:
        answer = self._answer(url)
        self.answers[url] = answer
        for link in links_of(answer, url):
            if (path := local(link)) is not None:
                self.linked.setdefault(path, set()).add(url)
            self._enqueue(link)

    def _answer(self, url: str) -> Answer:
        response = self.client.get(url)
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        body = response.getvalue()  # the streamed exports' content too
        location = response.get("Location", "")
        raw = body.decode("utf-8-sig", errors="replace")
        headers = f"{location} {response.get('Content-Disposition', '')}"
        text = f"{headers}\n{text_of(body, content_type)}"
        return Answer(url, response.status_code, content_type, text, location, raw)


def local(url: str) -> str | None:
    """The URL as path and query if it is the portal's own (no fragment), else None."""
    url = urldefrag(url.strip())[0]
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"{BASE}/", url))
    if f"{parts.scheme}://{parts.netloc}" != BASE:
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def route_key(url: str) -> tuple:
    """(route pattern, the query's parameter names, the values of the kind parameters); a path off the URL
    configuration is a key of its own (its 404 page is an answer too)."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return (parts.path,)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = tuple(sorted({name for name, _value in query}))
    kinds = tuple(sorted((name, value) for name, value in query if name in KIND_PARAMETERS))
    return (match.route, names, kinds)


# --- reading answers -------------------------------------------------------------------------------------------------


def text_of(body: bytes, content_type: str) -> str:
    if content_type == "application/pdf" or body.startswith(b"%PDF"):
        return pdf_text(body)
    if body.startswith(b"PK"):
        return office_text(body)
    return html.unescape(body.decode("utf-8-sig", errors="replace"))


def pdf_text(body: bytes) -> str:
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    except pypdf.errors.PyPdfError as error:
        return f"unreadable PDF: {error}"
    return "\n".join([metadata, *pages])


def office_text(body: bytes) -> str:
    """The text of every XML part of a DOCX or XLSX (document, shared strings, sheets, headers, properties)."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        parts = [archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()]
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", part)) for part in parts)


def compact(text: str) -> str:
    """Case, white space and hyphens left out: a PDF's line breaks and hyphenation do not hide a string."""
    return re.sub(r"[\s\-\u00ad]+", "", text).casefold()


def links_of(answer: Answer, url: str) -> list[str]:
    if answer.status in (301, 302, 303, 307, 308):
        return [urljoin(f"{BASE}{url}", answer.location)] if answer.location else []
    if answer.content_type == "text/html":
        parser = LinkParser()
        parser.feed(answer.body)
        return [urljoin(f"{BASE}{url}", link) for link in parser.links]
    if answer.content_type == "application/json":
        try:
            return [value for value in strings_of(json.loads(answer.body)) if value.startswith(BASE)]
        except ValueError:
            return []
    return []


def strings_of(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


class LinkParser(HTMLParser):
    """a href, link href, and the action of a GET form (without its fields: the filters' empty query)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "link") and (href := values.get("href")):
            self.links.append(href)
        elif tag == "form" and (values.get("method") or "get").lower() == "get":
            self.links.append(values.get("action") or "")


def with_query(path: str, **parameters: str) -> str:
    return f"{path}?{urlencode(parameters)}"
