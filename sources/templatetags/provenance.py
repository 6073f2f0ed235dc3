"""« Source : <document>, p. N », linking to that page of the document's reader."""

from django import template

from sources.selectors import source_line

register = template.Library()


@register.inclusion_tag("sources/_source_line.html")
def source_of(instance):
    return {"source": source_line(instance)}
