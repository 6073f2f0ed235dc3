from django import template

from vita.search import snippet_html

register = template.Library()


@register.filter
def snippet(raw):
    """A search snippet, escaped, with the matched words in <mark>."""
    return snippet_html(raw)
