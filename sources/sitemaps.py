"""The source documents' reader in the sitemap: each document and each of its pages."""

from django.urls import reverse

from sources.selectors import documents
from vita.findable import SiteSitemap


class DocumentSitemap(SiteSitemap):
    def items(self):
        return [
            (reader.code, number)
            for reader in documents()
            for number in (None, *(page.number for page in reader.pages))
        ]

    def location(self, item):
        code, number = item
        if number is None:
            return reverse("sources:document", args=[code])
        return reverse("sources:page", args=[code, number])
