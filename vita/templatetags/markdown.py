from django import template
from django.utils.safestring import mark_safe

from vita.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, kind=""):
    """`{{ card.context|markdown }}`: sanitised HTML, safe to output as is;
    `{{ page.body|markdown:"page" }}` for a whole page, its « ## » as its sections."""
    return mark_safe(render_markdown(text or "", page=kind == "page"))  # noqa: S308 - cleaned by nh3 above
