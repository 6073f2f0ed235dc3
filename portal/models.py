"""The site's own records: the footer's pages."""

from django.db import models
from simple_history.models import HistoricalRecords

# The footer's pages, in its order: their slugs are their addresses.
SITE_PAGES = {
    "mentions-legales": "Mentions légales",
    "accessibilite": "Accessibilité",
    "donnees-personnelles": "Données personnelles",
    "contact": "Contact",
}


class SitePage(models.Model):
    """A page of the site's footer that animators write in the admin: « Mentions
    légales », « Accessibilité », « Données personnelles », « Contact ».

    The pages are created by a migration and cannot be added or deleted in the admin
    (the footer links to each); their text is Markdown."""

    slug = models.SlugField("adresse", max_length=60, unique=True, editable=False)
    title = models.CharField("titre", max_length=200)
    body = models.TextField(
        "texte", help_text="En Markdown : ## pour un intertitre, - pour une liste."
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "page du site"
        verbose_name_plural = "pages du site"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("site_page", args=[self.slug])


class AccountDeletion(models.Model):
    """The trace of an account its member deleted from « Mon espace »: when, and what
    went with it, without a name, an address or an id that would point back to them."""

    deleted_at = models.DateTimeField("supprimé le", auto_now_add=True)
    person_deleted = models.BooleanField(
        "personne supprimée",
        default=False,
        help_text="Non : la personne est nommée par les documents ; elle reste, sans compte.",
    )
    memberships_deleted = models.PositiveIntegerField(
        "adhésions à des groupes supprimées", default=0
    )
    account_requests_deleted = models.PositiveIntegerField(
        "demandes de compte supprimées", default=0
    )
    subscriptions_deleted = models.PositiveIntegerField("abonnements supprimés", default=0)

    class Meta:
        verbose_name = "compte supprimé"
        verbose_name_plural = "comptes supprimés"
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"Compte supprimé le {self.deleted_at:%d/%m/%Y}"
