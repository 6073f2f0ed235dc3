from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

ITEM = "- "


@register.filter
def point_html(text):
    """A frein or levier as the document prints it: its lines, and the « - » items of a
    lead-in (« … : » then its bullets) as a list under it. Escaped."""
    blocks, lines, items = [], [], []

    def flush_lines():
        if lines:
            blocks.append(format_html("<p>{}</p>", mark_safe("<br>".join(lines))))  # noqa: S308
            lines.clear()

    def flush_items():
        if items:
            blocks.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", items)))
            items.clear()

    for line in (text or "").splitlines():
        if line.startswith(ITEM):
            flush_lines()
            items.append((line[len(ITEM) :],))
        elif line.strip():
            flush_items()
            lines.append(format_html("{}", line))
    flush_lines()
    flush_items()
    return mark_safe("".join(blocks))  # noqa: S308 - every piece is escaped by format_html


@register.filter
def tool_html(text):
    """A tool as the card prints it: on one line, its text; over several lines (a sentence
    and the list it introduces: « Certaines sont encore en cours de négociation … : » then
    its « - » items), as a point is shown. Escaped."""
    if "\n" not in (text or ""):
        return conditional_escape(text or "")
    return point_html(text)


HEADING = "### "


@register.filter
def tool_sections(tools):
    """A card's tools under the headings among them (a row « ### Projet de création … »
    over the tools that follow it): [(heading, tools)], the first heading empty."""
    sections = [("", [])]
    for tool in tools:
        if tool.text.startswith(HEADING):
            sections.append((tool.text.removeprefix(HEADING).strip(), []))
        else:
            sections[-1][1].append(tool)
    return [(heading, listed) for heading, listed in sections if heading or listed]
