"""Import and export of library resources (django-import-export): metadata by stable
keys (slugs, group codes, organisation slugs or names); files are uploaded in the admin."""

from import_export import widgets
from import_export.fields import Field

from organisations.organisation_spreadsheet import OrganisationsWidget, OrganisationWidget
from resources.models import (
    AccessLevel,
    Availability,
    Collection,
    Resource,
    ResourceKind,
    Theme,
)
from vita.models import PublicationStatus
from vita.slugs import free_slug
from vita.spreadsheets import (
    ChoiceWidget,
    CodesWidget,
    CodeWidget,
    FrenchDateWidget,
    IdentifiedSheet,
    YearWidget,
)
from workgroups.models import WorkingGroup


class LibrarySheet(IdentifiedSheet):
    slug = Field("slug", "Identifiant")
    title = Field("title", "Titre", widget=widgets.CharWidget())
    kind = Field("kind", "Type", widget=ChoiceWidget(ResourceKind.choices, "un type de ressource"))
    description = Field("description", "Description", widget=widgets.CharWidget())
    year = Field("year", "Année", widget=YearWidget())
    version_label = Field("version_label", "Version", widget=widgets.CharWidget())
    version_date = Field("version_date", "Date de version", widget=FrenchDateWidget())
    collection = Field(
        "collection", "Collection", widget=CodeWidget(Collection, "slug", "une collection")
    )
    position = Field("position", "Ordre dans la collection", widget=widgets.IntegerWidget())
    publisher = Field("publisher", "Éditeur", widget=OrganisationWidget())
    author_organisations = Field(
        "author_organisations", "Structures autrices", widget=OrganisationsWidget()
    )
    working_groups = Field(
        "working_groups",
        "Groupes de travail",
        widget=CodesWidget(WorkingGroup, "code", "un groupe de travail"),
    )
    themes = Field("themes", "Thèmes", widget=CodesWidget(Theme, "slug", "un thème"))
    access_level = Field(
        "access_level", "Accès", widget=ChoiceWidget(AccessLevel.choices, "un niveau d'accès")
    )
    availability = Field(
        "availability",
        "Disponibilité",
        widget=ChoiceWidget(Availability.choices, "une disponibilité"),
    )
    status = Field("status", "Statut", widget=ChoiceWidget(PublicationStatus.choices, "un statut"))
    fiche = Field(column_name="Code de fiche", readonly=True)

    class Meta:
        model = Resource
        import_id_fields = ["slug"]
        fields = [
            "slug", "title", "kind", "description", "year", "version_label", "version_date",
            "collection", "position", "publisher", "author_organisations", "working_groups",
            "themes", "access_level", "availability", "status", "fiche",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def identify(self, row):
        title = str(row.get("Titre") or "").strip()
        if not title:
            return None
        existing = Resource.objects.filter(title=title).first()
        return existing.slug if existing else free_slug(Resource, title)

    def dehydrate_fiche(self, resource):
        fiche = getattr(resource, "fiche", None)
        return fiche.code if fiche else ""
