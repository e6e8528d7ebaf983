"""A page's form read as a browser submits it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The fields of every <form method="post"> of a page: name -> list of the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.form = {}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                self.form.setdefault(name, [])
                return
            self.form.setdefault(name, []).append(attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "select" and name:
            self.select = self.form.setdefault(name, [])
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.select.append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = self.form.setdefault(name, [])
            self.textarea.append("")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[-1] += data.removeprefix("\n") if not self.textarea[-1] else data


def form_data(html, marker="seen_version"):
    """What submitting the page's post form that carries `marker` sends, unchanged; None without such a form."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if any(name.endswith(marker) for name in form):
            return {name: values for name, values in form.items() if values}
    return None
