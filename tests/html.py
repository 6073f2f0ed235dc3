"""Small HTML helpers for page tests, on the standard library's parser."""

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
