"""Small HTML helpers for page tests, on the standard library's parser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


class _TagCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}
        self.attributes: dict[str, list[dict[str, str | None]]] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.attributes.setdefault(tag, []).append(dict(attrs))


def parse(html: str | bytes) -> _TagCounter:
    if isinstance(html, bytes):
        html = html.decode()
    parser = _TagCounter()
    parser.feed(html)
    parser.close()
    return parser


def count_tags(html: str | bytes, tag: str) -> int:
    return parse(html).counts.get(tag, 0)


# -- forms and links, as a browser reads them -----------------------------------------------


@dataclass
class FormField:
    tag: str  # input, select, textarea, button
    name: str
    type: str  # an input's or a button's type; "select", "textarea"
    value: str  # what the browser would send as it is (a select: its selected option)
    attributes: dict[str, str]
    options: list[str] = field(default_factory=list)  # a select's option values

    @property
    def required(self) -> bool:
        return "required" in self.attributes


@dataclass
class Form:
    method: str  # "get" or "post"
    action: str  # as written: empty means the page's own address
    enctype: str
    fields: list[FormField] = field(default_factory=list)  # named ones, in order
    submit: FormField | None = None  # the button Enter presses: the first, named or not


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._open: FormField | None = None  # a textarea, or an option's select
        self._option: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        self.links += [
            attributes[name] for name in ("href", "action", "data-hx-get", "data-hx-post")
            if attributes.get(name)
        ]  # fmt: skip
        if tag == "form":
            self._form = Form(
                method=attributes.get("method", "get").lower(),
                action=attributes.get("action", ""),
                enctype=attributes.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
        elif self._form is None or tag not in ("input", "select", "textarea", "button", "option"):
            return
        elif tag == "option" and self._open is not None:
            self._option, self._text = attributes, ""
        elif tag in ("input", "button"):
            kind = attributes.get("type", "text" if tag == "input" else "submit").lower()
            checked = kind not in ("checkbox", "radio") or "checked" in attributes
            value = attributes.get("value", "on" if kind in ("checkbox", "radio") else "")
            control = FormField(
                tag, attributes.get("name", ""), kind, value if checked else "", attributes
            )
            if control.name:
                self._form.fields.append(control)
            if kind in ("submit", "image") and self._form.submit is None:
                self._form.submit = control
        elif tag in ("select", "textarea") and attributes.get("name"):
            self._open = FormField(tag, attributes["name"], tag, "", attributes)
            self._form.fields.append(self._open)
            self._text = ""

    def handle_data(self, data):
        self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._open is not None:
            self._open.value, self._open = self._text.removeprefix("\n"), None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._open is not None:
            self._close_option()
            single = "multiple" not in self._open.attributes
            if single and not self._open.value and self._open.options:
                self._open.value = self._open.options[0]  # the browser sends the first one
            self._open = None

    def _close_option(self):
        if self._option is not None:
            value = self._option.get("value")
            value = self._text.strip() if value is None else value
            self._open.options.append(value)
            if "selected" in self._option and not self._open.value:
                self._open.value = value
            self._option = None


def forms_and_links(html: str | bytes) -> tuple[list[Form], list[str]]:
    """The page's forms with their named fields, and the addresses its links, forms and
    htmx attributes lead to."""
    if isinstance(html, bytes):
        html = html.decode()
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms, reader.links
