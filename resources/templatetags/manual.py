"""The manual's cross-references: « (FICHE I-C-2-b Co construction) » in a fiche's text
becomes a link to that fiche, when the manual has it."""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# « FICHE I-C-2-b », « fiches II-1 », « Cf. FICHE III-12 »: a part (I to III), then a
# section letter with its numbers, or a number.
MENTION = re.compile(
    r"\b(?P<word>[Ff]iches?|FICHES?)(?P<space>\s+)(?P<code>(?:I{1,3})-(?:[A-Z](?:-\d+(?:-[a-z])?)?|\d+))\b"
)
TAG = re.compile(r"(<[^>]+>)")


def link_mentions(html: str, codes: set[str]) -> str:
    """`html` (already sanitised) with each mention of a known fiche code linked; text
    inside a link is left as it is."""
    parts, in_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part):
                in_link += 1
            elif part.startswith("</a"):
                in_link = max(0, in_link - 1)
            parts.append(part)
        elif in_link:
            parts.append(part)
        else:
            parts.append(MENTION.sub(lambda match: _link(match, codes), part))
    return "".join(parts)


def _link(match: re.Match, codes: set[str]) -> str:
    code = match["code"]
    if code not in codes:
        return match[0]
    url = escape(reverse("resources:fiche", args=[code]))
    return f'<a href="{url}">{match["word"]}{match["space"]}{code}</a>'


@register.filter
def fiche_links(html: SafeString, codes) -> SafeString:
    """`{{ block.body|markdown|fiche_links:manual_codes }}`."""
    return mark_safe(link_mentions(str(html), set(codes or ())))  # noqa: S308 - sanitised input, escaped URL
