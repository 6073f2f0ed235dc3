import pytest
from django.template import Context, Template

from vita.markdown import render_markdown

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_paragraphs_lists_and_emphasis_are_rendered():
    html = render_markdown("Un **levier** :\n\n- le réseau\n- les élus\n\nFin.")

    assert "<strong>levier</strong>" in html
    assert "<ul>\n<li>le réseau</li>\n<li>les élus</li>\n</ul>" in html
    assert "<p>Fin.</p>" in html


@pytest.mark.parametrize(
    "text",
    [
        PAYLOAD,
        "Texte\n\n<script>alert(1)</script>\n\nSuite",
        "<div onclick='alert(1)'>bloc</div>",
        "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    ],
)
def test_raw_html_never_passes(text):
    html = render_markdown(text)

    assert "<script" not in html.lower()
    assert "<img" not in html and "<div" not in html
    assert "onerror" not in html or "&lt;" in html


def test_dangerous_links_lose_their_target():
    html = render_markdown("[clic](javascript:alert(1)) et [site](https://www.coorace.org)")

    assert "javascript:" not in html
    assert 'href="https://www.coorace.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_the_template_filter_renders_and_sanitises():
    template = Template("{% load markdown %}{{ text|markdown }}")

    html = template.render(Context({"text": f"**Gras** {PAYLOAD}"}))

    assert "<strong>Gras</strong>" in html
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
