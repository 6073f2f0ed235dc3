"""Import and export of organisations and people (django-import-export), by French
column headers and stable keys: slugs or names, INSEE codes, structure-type labels."""

from import_export import widgets
from import_export.fields import Field

from organisations.enums import StructureType
from organisations.models import NetworkMember, Organisation, Person
from organisations.services import find_or_create_organisation
from territories.models import Departement
from vita.slugs import free_slug
from vita.spreadsheets import (
    LINE_SEPARATOR,
    ChoiceWidget,
    CodeWidget,
    FrenchBooleanWidget,
    FrenchDateWidget,
    FrenchSheet,
    IdentifiedSheet,
    RememberingWidget,
    split,
)

NAME_MAX_LENGTH = Organisation._meta.get_field("name").max_length


class OrganisationLookup(RememberingWidget):
    """Organisations by slug or name, as every path finds them (`organisations
    .matching`). With `create_missing`, a name no organisation has is a new one of that
    name (the card import's porteurs and partners; the resource may find or create a
    whole file's at once and `remember` them); without, it is an error."""

    def __init__(self, *args, create_missing: bool = False, **kwargs):
        super().__init__(Organisation, *args, field="slug", **kwargs)
        self.create_missing = create_missing

    def organisation(self, key: str) -> Organisation:
        if not self.create_missing:
            found = Organisation.objects.match(key)
            if found is None:
                raise ValueError(
                    f"« {key} » n'est ni l'identifiant ni le nom d'une structure connue."
                )
            return found
        if len(key) > NAME_MAX_LENGTH:
            raise ValueError(
                f"« {key[:60]}… » : un nom de structure tient en {NAME_MAX_LENGTH} caractères."
            )
        return self.remember(key, lambda: find_or_create_organisation(key))


class OrganisationWidget(OrganisationLookup, widgets.ForeignKeyWidget):
    """One organisation; exported by its slug."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return self.organisation(str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class OrganisationsWidget(OrganisationLookup, widgets.ManyToManyWidget):
    """Organisations one per line (names may hold commas); exported by their slugs."""

    def __init__(self, **kwargs):
        super().__init__(separator=LINE_SEPARATOR, **kwargs)

    def clean(self, value, row=None, **kwargs):
        return [self.organisation(name) for name in split(value, LINE_SEPARATOR)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        organisations = value.all() if hasattr(value, "all") else value  # unsaved: a list
        return LINE_SEPARATOR.join(organisation.slug for organisation in organisations)


class OrganisationSheet(IdentifiedSheet):
    slug = Field("slug", "Identifiant")
    name = Field("name", "Nom", widget=widgets.CharWidget())
    acronym = Field("acronym", "Sigle", widget=widgets.CharWidget())
    structure_types = Field(
        "structure_types",
        "Types de structure",
        widget=ChoiceWidget(StructureType.choices, "un type de structure", multiple=True),
    )
    address = Field("address", "Adresse", widget=widgets.CharWidget())
    postal_code = Field("postal_code", "Code postal", widget=widgets.CharWidget())
    town = Field("town", "Commune", widget=widgets.CharWidget())
    cedex = Field("cedex", "Cedex", widget=widgets.CharWidget())
    departement = Field(
        "departement",
        "Département",
        widget=CodeWidget(Departement, "code", "un code de département"),
    )
    phone = Field("phone", "Téléphone", widget=widgets.CharWidget())
    email = Field("email", "E-mail", widget=widgets.CharWidget())
    website = Field("website", "Site internet", widget=widgets.CharWidget())
    description = Field("description", "Présentation", widget=widgets.CharWidget())
    networks = Field("networks", "Réseaux", widget=OrganisationsWidget())
    parent = Field("parent", "Structure mère", widget=OrganisationWidget())

    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "acronym", "structure_types", "address", "postal_code", "town",
            "cedex", "departement", "phone", "email", "website", "description", "networks",
            "parent",
        ]  # fmt: skip
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def identify(self, row):
        """The organisation of that very name, or a new one: a row named as another's
        acronym or part of its name is not that organisation's row (it would rename it)."""
        name = str(row.get("Nom") or "").strip()
        if name:
            existing = Organisation.objects.named(name)
            return existing.slug if existing else free_slug(Organisation, name)
        return None


class PersonSheet(IdentifiedSheet):
    slug = Field("slug", "Identifiant")
    first_name = Field("first_name", "Prénom", widget=widgets.CharWidget())
    last_name = Field("last_name", "Nom", widget=widgets.CharWidget())
    role = Field("role", "Fonction", widget=widgets.CharWidget())
    organisation = Field("organisation", "Structure", widget=OrganisationWidget())
    email = Field("email", "E-mail", widget=widgets.CharWidget())
    phone = Field("phone", "Téléphone", widget=widgets.CharWidget())
    contact_is_public = Field(
        "contact_is_public",
        "Coordonnées publiques",
        widget=FrenchBooleanWidget(),
    )

    class Meta:
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug", "first_name", "last_name", "role", "organisation", "email", "phone",
            "contact_is_public",
        ]  # fmt: skip
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def identify(self, row):
        """The person of that name, or a new one."""
        first, last = (str(row.get(key) or "").strip() for key in ("Prénom", "Nom"))
        if last:
            found = Person.objects.filter(first_name__iexact=first, last_name__iexact=last).first()
            return found.slug if found else free_slug(Person, f"{first} {last}")
        return None


class NetworkMemberSheet(FrenchSheet):
    """The network's members as the animators export them (CSV for French Excel, XLSX):
    one row per structure, its convention and the people of it who have an account. Export
    only: a convention is edited on the structure."""

    name = Field("name", "Structure", widget=widgets.CharWidget())
    acronym = Field("acronym", "Sigle", widget=widgets.CharWidget())
    region = Field("departement__region__name", "Région", widget=widgets.CharWidget())
    departement = Field("departement", "Département", widget=widgets.CharWidget())
    structure_types = Field(
        "structure_types",
        "Types de structure",
        widget=ChoiceWidget(StructureType.choices, "un type de structure", multiple=True),
    )
    town = Field("town", "Commune", widget=widgets.CharWidget())
    convention_signed_on = Field(
        "convention_signed_on", "Convention signée le", widget=FrenchDateWidget()
    )
    convention_ends_on = Field(
        "convention_ends_on", "Convention valable jusqu'au", widget=FrenchDateWidget()
    )
    accounts = Field(attribute=None, column_name="Personnes avec un compte")
    email = Field("email", "E-mail de la structure", widget=widgets.CharWidget())
    phone = Field("phone", "Téléphone", widget=widgets.CharWidget())

    class Meta:
        model = NetworkMember
        fields = [
            "name", "acronym", "region", "departement", "structure_types", "town",
            "convention_signed_on", "convention_ends_on", "accounts", "email", "phone",
        ]  # fmt: skip

    def dehydrate_departement(self, member):
        departement = member.departement
        return f"{departement.code} — {departement.name}" if departement else ""

    def dehydrate_accounts(self, member):
        return LINE_SEPARATOR.join(
            f"{person.first_name} {person.last_name} <{person.account.email}>".strip()
            for person in account_holders(member)
        )


def account_holders(organisation) -> list[Person]:
    """The organisation's people with an active account (prefetched as `with_accounts`
    by the members' list and export, else queried)."""
    people = getattr(organisation, "with_accounts", None)
    if people is None:
        people = organisation.people.filter(account__is_active=True).select_related("account")
    return list(people)
