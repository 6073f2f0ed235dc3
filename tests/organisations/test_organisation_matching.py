"""Which organisation a name stands for: one rule (`organisations.matching`), the same in
every path that names one — a partner's proposal, the admin's imports, the source
documents — tested here once with the hard cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from experiences.models import ExperienceCard
from experiences.services import STORY_FIELDS, propose_cards
from organisations.matching import by_part, name_keys, organisation_keys
from organisations.models import Organisation
from organisations.organisation_spreadsheet import OrganisationsWidget, OrganisationWidget
from sources.records import ParsedDocument, ResourceRecord
from sources.writer import DocumentWriter, ImportReport
from tests import factories
from tests.admin_imports import CSV, confirm_card_import, preview_card_import

pytestmark = pytest.mark.django_db

# The organisations the table's names are looked up among: (name, acronym, slug).
KNOWN = [
    ("Association de Lutte Contre le Gaspillage (ALCG)", "", "alcg"),
    ("Entraide du bassin d'emploi", "EBE", "ebe"),
    ("Régie de Quartier", "", "aire"),  # a slug that is another organisation's name
    ("AIRE", "", "aire-2"),
    ("ISACTYS", "", "isactys"),
    ("Association Intermédiaire de Réinsertion", "AIR", "air"),
    ("Agence Immobilière Régionale", "AIR", "agence-immobiliere-regionale"),  # newer
    ("AICM", "", "aicm"),
    ("Solidarité Multi Services", "SMS", "sms"),
    ("Solidarité Services aux Personnes", "SSAP", "ssap"),
    ("Bateau de Brotonne", "", "bateau-de-brotonne"),
    ("Brotonne Service", "", "brotonne-service"),
    ("Mission locale (Salon-de-Provence)", "", "mission-locale-salon"),
    ("Mission locale (Pont-de-Beauvoisin)", "", "mission-locale-pont"),
    ("GRETA (Pont-de-Beauvoisin)", "", "greta-pont"),
    ("Centremploi", "", "centremploi"),
    ("Espace CENTREMPLOI", "", "espace-centremploi"),
    ("G.D.I.D.", "", "gdid"),
    ("SEMES", "", "semes"),
    ("ESSEM", "", "essem"),
    ("COORACE", "", "coorace"),
    ("COORACE Pays de la Loire", "", "coorace-pdl"),
    ("Inter-réseaux IAE des Pays de la Loire", "", "inter-reseaux-pdl"),
]

# A name → the slug of the organisation it stands for (None: none of them).
CASES = {
    "acronyms": [
        ("ALCG", "alcg"),  # bracketed in the name
        ("EBE", "ebe"),  # in the acronym field
        ("Association de lutte contre le gaspillage", "alcg"),  # the name without it
        # One acronym, two organisations: the older one, on every server and path.
        ("AIR", "air"),
        ("AIR (Agence Immobilière Régionale)", "air"),  # by a part only: see by_part
    ],
    "accents, case, spaces and punctuation": [
        ("REGIE DE QUARTIER", "aire"),
        ("régie  de quartier", "aire"),
        ("Regie-de-Quartier", "aire"),
        ("Entraide du bassin d’emploi", "ebe"),  # a typographic apostrophe
        ("G.D.I.D.", "gdid"),
        ("GDID", "gdid"),
    ],
    "« / » and « & » joined names are no organisation of their own": [
        ("Bateau de Brotonne / Brotonne Service", None),
        ("Bateau de Brotonne", "bateau-de-brotonne"),
        ("Brotonne Service", "brotonne-service"),
        ("AIR & AICM", None),
        ("AICM", "aicm"),
        ("SMS / SSAP", None),
        ("SMS", "sms"),
        ("SSAP", "ssap"),
    ],
    "generic first words": [
        ("Groupe ISACTYS", "isactys"),
        ("Collectif Isactys", "isactys"),
        ("Association ISACTYS", "isactys"),
        ("Groupe", None),  # the word alone names nothing
    ],
    "bodies named by their kind are told apart by their place": [
        ("Mission locale (Salon-de-Provence)", "mission-locale-salon"),
        ("mission locale (pont-de-beauvoisin)", "mission-locale-pont"),
        ("Mission locale", None),
        ("Mission locale (Arles)", None),
        ("GRETA (Pont-de-Beauvoisin)", "greta-pont"),
        ("GRETA", None),
    ],
    "pairs the content audit keeps apart": [
        ("Centremploi", "centremploi"),
        ("Espace Centremploi", "espace-centremploi"),
        ("SEMES", "semes"),
        ("ESSEM", "essem"),
        ("COORACE", "coorace"),
        ("COORACE Pays de la Loire", "coorace-pdl"),
        ("Inter-réseaux IAE des Pays de la Loire", "inter-reseaux-pdl"),
    ],
    "slug before name": [
        ("aire", "aire"),  # the slug of « Régie de Quartier »
        ("AIRE", "aire-2"),  # not a slug (slugs are exact): the name
        ("aire-2", "aire-2"),
        ("brotonne-service", "brotonne-service"),
        ("Inconnue", None),
        ("  ", None),
    ],
}
TABLE = [(kind, name, slug) for kind, cases in CASES.items() for name, slug in cases]


@pytest.fixture
def known(db):
    return {
        slug: factories.OrganisationFactory(name=name, acronym=acronym, slug=slug)
        for name, acronym, slug in KNOWN
    }


@pytest.mark.parametrize(("kind", "name", "slug"), TABLE, ids=[f"{k}: {n}" for k, n, _ in TABLE])
def test_a_name_stands_for_one_organisation(known, kind, name, slug):
    found = Organisation.objects.match(name)

    assert (found.slug if found else None) == slug


def test_a_whole_file_of_names_is_one_query(known):
    names = [name for _, name, _ in TABLE]

    with CaptureQueriesContext(connection) as queries:
        found = Organisation.objects.matching(names)

    assert len(queries) == 1
    assert {name: o.slug for name, o in found.items()} == {n: s for _, n, s in TABLE if s}


def test_a_match_by_a_part_only_is_told_apart(known):
    """The source import asks the animators to check such a match: « AIR (Agence …) »
    finds the older AIR by its acronym alone; « ALCG » is the ALCG's own key."""
    assert by_part("AIR (Agence Immobilière Régionale)", known["air"])
    assert by_part("Groupe ISACTYS", known["isactys"])
    assert not by_part("ALCG", known["alcg"])
    assert not by_part("régie de quartier", known["aire"])


def test_an_organisation_file_s_row_is_the_organisation_of_that_very_name(known):
    """A row of the organisations' import writes its name: a row « ALCG » is not the row
    of « Association … (ALCG) », which it would rename."""
    assert Organisation.objects.named("association de lutte contre le gaspillage (alcg)")
    assert Organisation.objects.named("ALCG") is None
    assert Organisation.objects.named("Groupe ISACTYS") is None
    assert Organisation.objects.named("Regie de quartier") == known["aire"]


def test_the_keys_follow_the_name_in_every_write():
    organisation = factories.OrganisationFactory(name="Groupe Isactys", acronym="")
    assert organisation.name_keys == ["groupeisactys", "isactys"]
    organisation.name, organisation.acronym = "Ulisse", "ULS"
    organisation.save(update_fields=["name", "acronym"])
    organisation.refresh_from_db()
    assert organisation.name_keys == ["ulisse", "uls"]

    (created,) = Organisation.objects.bulk_create([Organisation(name="SEMES", slug="semes")])
    created.name = "ESSEM"
    Organisation.objects.bulk_update([created], ["name"])
    created.refresh_from_db()
    assert created.name_keys == ["essem"]
    assert Organisation.objects.match("Ulisse") == organisation
    assert Organisation.objects.match("SEMES") is None

    Organisation.objects.filter(name="ESSEM").update(name="Groupe Semaphore", acronym="GS")
    created.refresh_from_db()
    assert created.name_keys == ["groupesemaphore", "semaphore", "gs"]
    assert Organisation.objects.match("GS") == created


def test_the_keys_of_a_name():
    assert name_keys("Association de Lutte Contre le Gaspillage (ALCG)") == [
        "associationdeluttecontrelegaspillagealcg",
        "associationdeluttecontrelegaspillage",
        "alcg",
        "deluttecontrelegaspillage",
    ]
    assert name_keys("Mission locale (Salon-de-Provence)") == ["missionlocalesalondeprovence"]
    assert organisation_keys("Entraide du bassin d'emploi", "EBE") == [
        "entraidedubassindemploi",
        "ebe",
    ]


def test_the_admin_imports_refuse_an_unknown_name_in_french_or_create_it(known):
    assert OrganisationWidget().clean("groupe isactys") == known["isactys"]
    with pytest.raises(ValueError, match="« Inconnue » n'est ni l'identifiant ni le nom"):
        OrganisationsWidget().clean("ALCG\nInconnue")
    assert not Organisation.objects.filter(name="Inconnue").exists()

    created = OrganisationsWidget(create_missing=True).clean("ALCG\nInconnue")

    assert created[0] == known["alcg"]
    assert Organisation.objects.get(name="Inconnue") == created[1]


# -- the three paths ------------------------------------------------------------------


def _propose(name: str) -> ExperienceCard:
    proposal = {
        "title": "Un garage solidaire",
        "summary": "",
        "category": "",
        "porteur": name,
        "porteur_type": "",
        "partners": name,
        "region": "53",
        "departement": "",
        "territory_name": "",
        "scale": "",
        "milieu": "",
        "start_year": None,
        "end_year": None,
        "working_group": "",
        "freins": "",
        "leviers": "",
        "tools": "",
        **dict.fromkeys(STORY_FIELDS, ""),
    }
    submitter = {"contact_name": "Jeanne", "contact_email": "j@x.fr", "contact_phone": ""}
    (card,) = propose_cards([proposal], submitter, "formulaire")
    return card


def _import_card(client, name: str) -> ExperienceCard:
    content = (
        "Titre;Structure porteuse;Partenaires;Région\n"
        f'Une fiche importée;{name};"{name}\nAICM";Bretagne\n'
    ).encode()
    preview = preview_card_import(client, content, "fiches.csv", CSV)
    assert not preview.context["result"].has_validation_errors()
    confirm_card_import(client, preview)
    return ExperienceCard.objects.get(title="Une fiche importée")


def _source_writer_organisation(name: str) -> Organisation:
    writer = DocumentWriter(
        ParsedDocument(code="003", source=ResourceRecord("manuel", "Manuel", "guide")),
        ImportReport(),
    )
    return writer.organisation(name)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ALCG", "alcg"),
        ("association de lutte contre le gaspillage", "alcg"),
        ("Groupe Isactys", "isactys"),
        ("EBE", "ebe"),
        ("aire", "aire"),
    ],
)
def test_the_three_paths_find_the_same_organisation_and_create_none(
    known, animator_client, name, slug
):
    count = Organisation.objects.count()

    proposed = _propose(name)
    imported = _import_card(animator_client, name)
    written = _source_writer_organisation(name)

    assert proposed.porteur == imported.porteur == written == known[slug]
    assert list(proposed.partners.all()) == [known[slug]]
    assert set(imported.partners.all()) == {known[slug], known["aicm"]}
    assert Organisation.objects.count() == count
