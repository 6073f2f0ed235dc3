"""The site as search engines read it: `/sitemap.xml`, an index of one section per kind of
page (each app's `sitemaps.py`), and `/robots.txt`."""

from datetime import date
from xml.sax.saxutils import escape

from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import InvalidPage
from django.urls import reverse

from events.sitemaps import EventSitemap
from experiences.sitemaps import CardSitemap
from organisations.sitemaps import OrganisationSitemap
from portal.models import SitePage
from resources.sitemaps import CollectionSitemap, FicheSitemap, ResourceSitemap
from sources.sitemaps import DocumentSitemap
from vita.findable import EditedSitemap, dated
from vita.notifications import site_url
from workgroups.sitemaps import GroupSitemap

# The lists a visitor starts from, unfiltered (their items are in their own sections).
LIST_PAGES = [
    "home",
    "experiences:list",
    "workgroups:list",
    "organisations:list",
    "resources:library",
    "resources:manual",
    "resources:keywords",
    "events:list",
    "calls:list",
    "sources:documents",
]


class PageSitemap(EditedSitemap):
    """The home page, the lists and the footer's pages."""

    def items(self):
        site_pages = dated(SitePage.objects.order_by("pk"))
        return [*LIST_PAGES, *site_pages]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


# Section → its pages; a section's address is /sitemap-<section>.xml.
SITEMAPS = {
    "pages": PageSitemap,
    "experiences": CardSitemap,
    "groupes": GroupSitemap,
    "structures": OrganisationSitemap,
    "bibliotheque": ResourceSitemap,
    "collections": CollectionSitemap,
    "manuel": FicheSitemap,
    "rencontres": EventSitemap,
    "documents": DocumentSitemap,
}


def sitemap_index() -> list[SitemapIndexItem]:
    """Every page of every section, on `SITE_URL`: `?p=2` and on past 50,000 addresses."""
    items = []
    for section, sitemap in SITEMAPS.items():
        url = site_url(reverse("sitemap_section", kwargs={"section": section}))
        pages = sitemap().paginator.num_pages
        items += [
            SitemapIndexItem(url if page == 1 else f"{url}?p={page}")
            for page in range(1, pages + 1)
        ]
    return items


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def section_page(section: str, page: str | int = 1) -> tuple[str, date | None] | None:
    """A page of a section as XML, and its latest `lastmod` when every address has one;
    None when there is no such section or page. Written here rather than by Django's
    template, which took 3 of the 7 seconds of 50,000 cards."""
    if section not in SITEMAPS:
        return None
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(page=page)
    except InvalidPage:
        return None
    lines = [XML_DECLARATION, URLSET]
    for url in urls:
        lastmod = f"<lastmod>{url['lastmod'].isoformat()}</lastmod>" if url["lastmod"] else ""
        lines.append(f"<url><loc>{escape(url['location'])}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines), getattr(sitemap, "latest_lastmod", None)


# What robots leave alone: private pages (a member's space, links sent by e-mail, a
# group's space), drafts' previews, forms and files that count, searches without end.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/mon-espace/",
    "/connexion/",
    "/deconnexion/",
    "/abonnements/",
    "/rencontres/inscription/",
    "/appui/*/",
    "/groupes/*/espace/",
    "/groupes/*/rejoindre/",
    "/groupes/*/reunions/",
    "/*/apercu/",
    "/*/signaler/",
    "/ressources/*/telecharger/",
    "/ressources/*/demander/",
    "/recherche/",
    # A list's files (each list page links them: a PDF dossier takes seconds) and its
    # alert form.
    "/experiences/selection.",
    "/experiences/alerte/",
    # A list's word searches and combined filters: each record is in the sitemap.
    "/*?q=",
    "/*&q=",
    "/*?*&",
    "/healthz",
]


def robots_txt() -> str:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), "Allow: /"]
    return "\n".join([*lines, "", f"Sitemap: {site_url(reverse('sitemap'))}", ""])
