"""Document 000, the VITA recueil (2008): the real scan, parsed without a database."""

from datetime import date

import pytest

from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.quality import damage_in
from sources.records import SourceFormatError


def _card(parsed_000, key_start):
    return next(card for card in parsed_000.cards if card.key.startswith(key_start))


def _organisation(parsed_000, name):
    return next(o for o in parsed_000.organisations if o.name == name)


def test_five_groups_and_twenty_seven_cards(parsed_000):
    assert [group.code for group in parsed_000.groups] == ["G1", "G2", "G3", "G4", "G5"]
    assert len(parsed_000.cards) == 27
    per_group = {g.code: sum(c.listings[0].group_code == g.code for c in parsed_000.cards)
                 for g in parsed_000.groups}  # fmt: skip
    assert per_group == {"G1": 3, "G2": 10, "G3": 7, "G4": 2, "G5": 5}


def test_no_damage_survives(parsed_000):
    assert damage_in(parsed_000) == []


def test_every_card_has_a_porteur_a_territory_and_a_page(parsed_000):
    organisations = {o.name for o in parsed_000.organisations}
    for card in parsed_000.cards:
        assert card.porteur in organisations
        assert card.departement_codes, card.title
        assert card.source_page and 10 <= card.source_page <= 145, card.title
        assert card.actions, card.title


def test_the_groups_with_their_facilitators_and_periods(parsed_000):
    g1, g2, g4 = parsed_000.groups[0], parsed_000.groups[1], parsed_000.groups[3]

    assert g1.name == "Pôles de développement territorial"
    assert [(c.person.first_name, c.person.last_name) for c in g1.contacts] == [
        ("Anne Claire", "Pignal"),
        ("Nicolas", "Philippe"),
    ]
    assert (g1.period_start, g1.period_end) == (date(2006, 11, 1), date(2007, 3, 1))
    assert g2.contacts[0].person.last_name == "Loquet"
    assert g2.period_label == "de décembre 2006 à février 2008"
    assert [c.person.last_name for c in g4.contacts] == ["Le Verge", "Le Vaillant"]
    assert "clause d'insertion sociale et professionnelle" in g2.origin
    assert g2.objectives.startswith("Lors de la Rencontre nationale du 13 octobre 2006")


def test_the_groups_productions_are_resources(parsed_000):
    g1, g2, g5 = parsed_000.groups[0], parsed_000.groups[1], parsed_000.groups[4]
    productions = {r.key: r for r in parsed_000.resources}

    g1_titles = [productions[key].title for key in g1.production_keys]
    assert g1_titles[0] == "Grille d’analyse itérative appliquée au Groupe ISACTYS"
    assert productions[g1.production_keys[0]].year == 2007
    assert len(g1_titles) == 3
    assert any(title.startswith("Fiche 3 : Modèle de délibération") for title in
               (productions[k].title for k in g2.production_keys))  # fmt: skip
    assert [productions[k].title for k in g5.production_keys] == [
        "Une note de présentation du statut de SCIC à destination des SIAE",
        "Un document cadre pour la rédaction d’un “ Plan d’affaires VITA ”",
    ]


def test_a_card_of_group_one_field_by_field(parsed_000):
    card = _card(parsed_000, "maison-emploi-et-services")
    porteur = _organisation(parsed_000, card.porteur)

    assert card.title == "Maison Emploi et Services animée par un groupe d’économie sociale"
    assert card.porteur == "Groupe ISACTYS"
    assert card.category == "siae"
    # « sur un territoire à cheval entre l'Isère et la Savoie : la Vallée du Guiers »
    assert card.departement_codes == ["38", "73"]
    assert card.source_page == 11
    assert card.listings[0].group_code == "G1"
    assert (porteur.postal_code, porteur.town) == ("38480", "Pont de Beauvoisin")
    assert porteur.phone == "04 76 37 33 13"
    assert porteur.email == "info@isactys.com"
    assert porteur.structure_types == ["ges_ensemblier"]  # a group of an AI, ETTI, ACI…
    assert porteur.description.startswith("Le groupe ISACTYS est un groupe d'économie sociale")
    contacts = [(c.role, c.person.first_name, c.person.last_name, c.person.role)
                for c in card.contacts]  # fmt: skip
    assert contacts == [("referent_principal", "Hubert", "Petitprez", "Directeur")]
    assert card.actions.startswith("### Une rénovation interne complète à la fin des années 1990")
    assert "d'une Maison de l'Emploi" in card.actions
    assert card.points[0].topic == "La question de la légitimité"
    assert len(card.tools) == 4
    assert card.links[0].kind == "a_consulter"
    assert card.links[0].label.startswith("septembre 2006. Entretien avec Hubert PETITPREZ")
    assert card.links[0].target_resource_key == "lettre-vita-n1"


def test_freins_and_leviers_listed_separately_stay_separate(parsed_000):
    card = _card(parsed_000, "amelioration-de-la-qualite-des-parcours-d-insertion")

    freins = [p for p in card.points if p.kind == "frein"]
    leviers = [p for p in card.points if p.kind == "levier"]
    assert card.porteur == "A.C.I.D."
    assert freins[0].text.startswith("Manque de préparation de certains candidats")
    assert freins[0].topic == "Concernant l'offre d’insertion de l'AI"
    assert leviers and all(p.kind == "levier" for p in leviers)
    assert card.contacts[0].person.last_name == "Lemoine"


def test_no_kind_is_guessed_once_the_review_settled_them(parsed_000):
    """Topics whose heading says their kind (« Les conditions de réussite », « Point de
    vigilance », « Les limites ») give it; the eleven cards whose topics do not are settled
    item by item by the reviewed table (`recueil_vita_points`): no card keeps the doubt."""
    # The one doubt left is no kind: G3-4's last levier, cut in the scan itself.
    assert [c.source_key for c in parsed_000.cards if c.doubts] == ["experience-G3-4"]
    card = _card(parsed_000, "maison-emploi-et-services")
    # « … une double difficulté … : » and its two items, then how each was lifted.
    assert [point.kind for point in card.points][:4] == ["frein", "levier", "levier", "levier"]
    assert parsed_000.warnings == []
    assert parsed_000.source.doubts == []
    # G5's period, its chapter's against the introduction's (`REVIEWED_GROUP_PERIODS`).
    assert [group.code for group in parsed_000.groups if group.doubts] == ["G5"]
    assert not any(resource.doubts for resource in parsed_000.resources)


def test_partner_contributions_are_flagged(parsed_000):
    conseil_general = _card(parsed_000, "dispositif-d-insertion-par-l-emploi")
    nantes = _card(parsed_000, "intervention-des-entreprises-de-travail")
    network = _card(parsed_000, "journee-regionale-inter-reseaux")

    assert conseil_general.category == "partenaire"
    assert conseil_general.porteur == "Conseil Général du Pas-de-Calais"
    assert conseil_general.departement_codes == ["62"]
    assert "Pas-de-Calais" in conseil_general.title
    assert nantes.category == "partenaire"
    assert network.category == "reseau"
    assert network.porteur == "COORACE Midi-Pyrénées"


def test_a_territory_in_brackets_gives_the_region_or_the_territory_name(parsed_000):
    redon = _card(parsed_000, "mise-en-oeuvre-de-la-clause-d-insertion")
    pays_de_la_loire = _card(parsed_000, "structurer-et-valoriser-l-offre")
    palacret = _card(parsed_000, "le-palacret")

    assert (redon.territory_name, redon.departement_codes) == (
        "Pays de Redon et Vilaine",
        ["35", "56", "44"],
    )
    assert pays_de_la_loire.region_as_written == "Pays de la Loire"
    assert palacret.departement_codes == ["22"]


def test_a_structural_change_in_the_scan_is_refused():
    document = DOCUMENTS_BY_CODE["000"]
    text = corrections.apply("000", document.path.read_text(encoding="utf-8"))
    truncated = text[: len(text) // 2]

    with pytest.raises(SourceFormatError, match=r"chapter|expected 5 groups"):
        document.parser()(truncated)
