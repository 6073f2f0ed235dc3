"""« Source : <document>, p. N », linking to that page of the document's reader, and the
« Mis à jour le … » of a record's page."""

from django import template

from sources.selectors import source_line
from vita.history import last_edit_by_a_person

register = template.Library()


@register.inclusion_tag("sources/_source_line.html")
def source_of(instance):
    return {"source": source_line(instance)}


@register.inclusion_tag("_updated.html")
def updated_of(instance):
    """When a person last changed the record; for an imported record nobody edited, the
    year of the document its text comes from (a re-import of the same text moves
    nothing)."""
    if getattr(type(instance), "history", None) is None:
        return {}  # who changed it is not known: no date rather than a wrong one
    date = last_edit_by_a_person(instance)
    source = None if date else source_line(instance)
    return {"date": date, "document_year": source.document_year if source else None}
