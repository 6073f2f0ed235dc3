"""What a group's pages say of who sees a part of them (workgroups.audiences)."""

from django import template
from django.template.loader import render_to_string

from workgroups.audiences import audience_line

register = template.Library()


@register.simple_tag
def meeting_audience(meeting) -> str:
    """« Réservé aux membres du groupe A2 » beside a meeting that is not public."""
    line = audience_line(meeting.audience, meeting.working_group)
    return render_to_string("_audience_inline.html", {"line": line}) if line else ""
