"""`{% findable title description %}` in a content page's `findable` block: its canonical
address and OpenGraph description (`templates/_findable.html`, `vita.findable`)."""

from django import template
from django.templatetags.static import static

from vita.findable import (
    LOCALE,
    SHARE_IMAGE,
    SITE_DESCRIPTION,
    SITE_NAME,
    canonical_url,
    plain_description,
)
from vita.notifications import site_url

register = template.Library()


@register.inclusion_tag("_findable.html", takes_context=True)
def findable(context, title, description="", path=None, query="", page=1, kind="website"):
    """`path`: the page's stable address (a slug's, a code's), the request's path by
    default; for a list, `query` and `page` are its clean filters and its page number
    (`vita.findable.canonical_url`). `description` is Markdown or plain text; `kind` is
    the OpenGraph type (`article` for a card, a fiche, a resource)."""
    if path is None:
        path = context["request"].path
    image = static(SHARE_IMAGE)
    return {
        "url": canonical_url(path, query, page),
        "title": title,
        "description": plain_description(description) or SITE_DESCRIPTION,
        "kind": kind,
        "site_name": SITE_NAME,
        "locale": LOCALE,
        "image": image if image.startswith(("http://", "https://")) else site_url(image),
    }
