"""The one way long texts become HTML: Markdown, with no raw HTML let through.

Raw HTML in the text is escaped (it shows as text), and the rendered HTML is
then cleaned against an allow-list, so neither a typed `<script>` nor a crafted
link (`javascript:`) can reach a page.
"""

import markdown as markdown_library
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# « start »: a numbered list that goes on after a paragraph or a list of its own keeps its
# numbers (« 2. Phase de mise en œuvre … », as the document prints them).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _renderer() -> markdown_library.Markdown:
    renderer = markdown_library.Markdown(extensions=["sane_lists", "tables"])
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    return renderer


def render_markdown(text: str, *, page: bool = False) -> str:
    """`page`: the text is a whole page under its title (a footer page), its « ## » are
    the page's sections (h2); elsewhere a text sits under a section of its page and its
    headings start at h3."""
    if not text:
        return ""
    html = _renderer().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"h2"} if page else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
