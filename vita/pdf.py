"""HTML to PDF with WeasyPrint, for the documents a visitor downloads (the dossier of a
selection of cards).

WeasyPrint needs Debian's Pango and HarfBuzz (`libpango-1.0-0`, `libpangoft2-1.0-0`,
`libharfbuzz-subset0`, README). It is imported on first use, not at start-up: on a
machine without those libraries the import raises OSError, the site says the PDF is
unavailable (`pdf_available`) and everything else works.

It fetches nothing from the network: its URL fetcher serves the project's own static
files (the stylesheets) from disk and refuses every other address, so neither an image
in a card's text nor a stylesheet elsewhere makes the server call out.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

logger = logging.getLogger(__name__)

UNAVAILABLE = "PDF indisponible sur ce serveur"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its libraries are missing on this machine."""


@functools.cache
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: a shared library is missing
        logger.warning("PDF unavailable: WeasyPrint cannot be loaded (%s)", error)
        return None
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line a step
    logging.getLogger("weasyprint").addFilter(_expected_warnings)
    return weasyprint


def _expected_warnings(record: logging.LogRecord) -> bool:
    """What every dossier would log: the ids each card's body repeats, and the page's CSS
    functions WeasyPrint does not read (its print styles do without them)."""
    return not record.getMessage().startswith(("Anchor defined twice", "Invalid math function"))


def pdf_available() -> bool:
    return _weasyprint() is not None


def static_file(url: str, origin: str) -> Path | None:
    """The file of the project's static files that `url` (on the site at `origin`,
    « http://host:port ») stands for, or None: another host, another path, a file that
    is not there."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path.removeprefix(prefix))
    try:
        # The source files first (a collected copy may be older), then the collected
        # ones: in production, the hashed names `{% static %}` gives.
        found = finders.find(name)
        if found:
            return Path(found)
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (SuspiciousFileOperation, NotImplementedError):
        pass
    return None


def _fetcher(origin: str):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file(url, origin)
            if path is None:
                # WeasyPrint logs it and goes on without the resource.
                raise ValueError(f"Not one of the site's static files, not fetched: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesOnly()


def render(html: str, base_url: str):
    """The laid-out document of `html` (WeasyPrint's `Document`: its `pages`, then
    `write_pdf()`), its relative addresses read against `base_url`, the site's address."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise PdfUnavailable(UNAVAILABLE)
    parts = urlsplit(base_url)
    fetcher = _fetcher(f"{parts.scheme}://{parts.netloc}")
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
