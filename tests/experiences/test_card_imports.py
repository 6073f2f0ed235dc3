"""The bulk import of experience cards: a preview that writes nothing, cards written by
batches with their related rows, history and search, and what a row does not say kept."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from experiences import search
from experiences.card_spreadsheet import CardSheet
from experiences.models import CardTool, ExperienceCard
from organisations.models import Organisation
from territories.models import Departement
from tests import factories
from tests.admin_imports import CSV, confirm_card_import, preview_card_import
from vita.models import PublicationStatus
from vita.search import CONFIG as SEARCH_CONFIG
from vita.slugs import free_slugs

pytestmark = pytest.mark.django_db

HEADER = "Titre;Structure porteuse;Région;Statut;Freins rencontrés;Outils et ressources\n"


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def _import(client, content):
    preview = preview_card_import(client, content, "fiches.csv", CSV)
    result = preview.context["result"]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    confirm_card_import(client, preview)
    return result


def test_the_preview_writes_nothing_not_even_in_a_rolled_back_transaction(animator_client):
    content = _csv("Garage solidaire;Une structure nouvelle;Bretagne;Brouillon;Le coût;")

    with CaptureQueriesContext(connection) as queries:
        preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    assert [row.import_type for row in preview.context["result"].rows] == ["new"]
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert not [sql for sql in writes if "django_session" not in sql]
    assert "une-structure-nouvelle" in " ".join(map(str, preview.context["result"].rows[0].diff))
    assert not Organisation.objects.filter(name="Une structure nouvelle").exists()


def test_imported_cards_are_written_with_their_rows_history_and_search(animator_client):
    content = _csv(
        'Garage solidaire;AIRE;Bretagne;Publiée;"Le covoiturage manque\nLes horaires";Un guide',
        "Atelier vélo;AIRE;Bretagne;Brouillon;;",
    )

    _import(animator_client, content)

    garage = ExperienceCard.objects.get(title="Garage solidaire")
    assert garage.status == PublicationStatus.PUBLISHED and garage.published_at is not None
    assert garage.created_by.username == "animatrice"
    assert [p.text for p in garage.points.all()] == ["Le covoiturage manque", "Les horaires"]
    assert [t.text for t in garage.tools.all()] == ["Un guide"]
    assert Organisation.objects.filter(name="AIRE").count() == 1  # one for both rows
    found = ExperienceCard.objects.filter(
        search_vector=SearchQuery("covoiturage", config=SEARCH_CONFIG)
    )
    assert list(found) == [garage]  # its freins are in its search vector
    assert search.suggestion("garrage") == "garage"
    history = garage.history.get()
    assert (history.history_type, history.history_user.username) == ("+", "animatrice")
    assert Organisation.objects.get(name="AIRE").history.get().history_user.username == (
        "animatrice"
    )


def test_queries_do_not_grow_with_the_rows(animator_client):
    def queries_for(rows: int) -> int:
        content = _csv(
            *(f"Fiche {rows}-{n};Structure {n};Bretagne;Brouillon;Un frein;Un outil"
              for n in range(rows))
        )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            _import(animator_client, content)
        return len(queries)

    queries_for(1)  # what is read once per test (the session, the user…)
    assert queries_for(5) == queries_for(60)


def test_rows_without_identifiant_find_the_cards_of_their_title(animator_client):
    content = _csv(
        "Garage solidaire;AIRE;Bretagne;Brouillon;;",
        "Garage solidaire;AIRE;Normandie;Brouillon;;",
    )
    _import(animator_client, content)

    assert sorted(ExperienceCard.objects.values_list("slug", flat=True)) == [
        "garage-solidaire",
        "garage-solidaire-2",
    ]
    again = preview_card_import(animator_client, content, "fiches.csv", CSV)
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip"]


def test_an_identifiant_given_twice_names_the_first_line(animator_client):
    content = (
        "Identifiant;Titre;Structure porteuse;Région\n"
        "garage;Garage solidaire;AIRE;Bretagne\n"
        "garage;Autre garage;AIRE;Bretagne\n"
    ).encode()

    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {2: {"Identifiant": ["Cet identifiant est déjà celui de la ligne 2."]}}


def test_the_model_s_check_constraints_are_all_checked_by_the_import(animator_client):
    names = {constraint.name for constraint in ExperienceCard._meta.constraints}
    assert set(CardSheet.CONSTRAINTS) == names
    content = (
        "Titre;Structure porteuse;Région;Année de début;Année de fin\n"
        "Garage solidaire;AIRE;Bretagne;2019;2015\n"
    ).encode()

    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    (row,) = preview.context["result"].invalid_rows
    assert row.error_dict == {"__all__": ["L'année de fin précède l'année de début."]}


def test_a_changed_row_keeps_what_the_file_does_not_say(animator_client):
    card = factories.ExperienceCardFactory(title="Garage solidaire", slug="garage-solidaire")
    factories.CardPointFactory(card=card, text="Le coût", topic="Financement", position=0)
    guide = factories.ResourceFactory(title="Guide du garage")
    factories.CardToolFactory(card=card, text="Un guide", resource=guide, position=0)
    content = (
        "Identifiant;Titre;Structure porteuse;Région;Freins rencontrés;Outils et ressources\n"
        f"garage-solidaire;Garage solidaire;{card.porteur.slug};Bretagne;"
        '"Les horaires\nLe coût";"Une convention\nUn guide"\n'
    ).encode()

    result = _import(animator_client, content)

    assert [row.import_type for row in result.rows] == ["update"]
    points = {p.text: (p.position, p.topic) for p in card.points.all()}
    assert points == {"Les horaires": (0, ""), "Le coût": (1, "Financement")}
    assert CardTool.objects.get(card=card, text="Un guide").resource == guide
    assert card.history.first().history_user.username == "animatrice"


def test_a_cards_tools_intro_goes_out_and_back_in_with_its_tools(animator_client):
    card = factories.ExperienceCardFactory(
        title="Rencontre", slug="rencontre", tools_intro="Sont disponibles auprès du CAI 92 :"
    )
    factories.CardToolFactory(card=card, text="La plaquette", position=0)
    exported = CardSheet().export(queryset=ExperienceCard.objects.filter(pk=card.pk))
    assert exported.dict[0]["Présentation des outils"] == "Sont disponibles auprès du CAI 92 :"

    content = (
        "Identifiant;Titre;Structure porteuse;Région;Présentation des outils\n"
        f"rencontre;Rencontre;{card.porteur.slug};Bretagne;"
        "Disponibles auprès de la MDEF :\n"
    ).encode()
    result = _import(animator_client, content)

    assert [row.import_type for row in result.rows] == ["update"]
    card.refresh_from_db()
    assert card.tools_intro == "Disponibles auprès de la MDEF :"
    assert [tool.text for tool in card.tools.all()] == ["La plaquette"]


def test_free_slugs_are_distinct_from_each_other_and_from_the_stored_ones():
    factories.OrganisationFactory(name="AIRE", slug="aire")
    factories.OrganisationFactory(name="AIRE 2", slug="aire-2")

    slugs = free_slugs(Organisation, ["AIRE", "Aire", "Éco", "Éco"], taken={"eco"})

    assert slugs == ["aire-3", "aire-4", "eco-2", "eco-3"]


def test_organisations_are_found_by_slug_or_by_name_accents_and_case_aside():
    aire = factories.OrganisationFactory(name="Régie de quartier", slug="aire")

    found = Organisation.objects.matching(["aire", "REGIE DE QUARTIER", "Inconnue", " "])

    assert found == {"aire": aire, "REGIE DE QUARTIER": aire}


def test_an_updated_row_is_previewed_then_written_with_only_what_it_changes(animator_client):
    card = factories.ExperienceCardFactory(
        title="Garage solidaire", slug="garage-solidaire", key_figures="12 salariés"
    )
    card.departements.add(Departement.objects.get(code="35"))
    before = card.updated_at
    content = (
        "Identifiant;Titre;Structure porteuse;Région;Département;En bref\n"
        f"garage-solidaire;Garage solidaire;{card.porteur.slug};Bretagne;56;Nouveau résumé\n"
    ).encode()

    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    (row,) = preview.context["result"].rows
    assert row.import_type == "update"
    cells = dict(zip(preview.context["result"].diff_headers, map(str, row.diff), strict=True))
    assert cells["Département"] == "<del>35</del> → <ins>56</ins>"  # whole values, short
    assert ">Nouveau résumé</ins>" in cells["En bref"]
    confirm_card_import(animator_client, preview)
    card.refresh_from_db()
    assert [d.code for d in card.departements.all()] == ["56"]
    assert (card.summary, card.key_figures) == ("Nouveau résumé", "12 salariés")
    assert card.updated_at > before
    latest = card.history.first()
    assert (latest.history_type, latest.summary) == ("~", "Nouveau résumé")
