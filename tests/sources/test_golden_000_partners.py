"""Golden partners of 000: every card's partners as its running text names them (partners,
co-founders, financers named as such, the structures of a partnership it describes), read
by hand in `REVIEWED` (sources/parsers/recueil_vita.py) with the scan's words as evidence.

All 27 cards are listed, those with no partner too, so any change to a card's partners
shows here. A partner the card names generically (« la Mission Locale », « le GRETA », « la
MSA ») is named for the card's territory or town where a body of that name acted there
(« CAF du Jura »), else as printed with the place in brackets (« GRETA
(Pont-de-Beauvoisin) », « CRAM (Jura) »); VITA's consultants (Extra Muros,
PERFEGAL) are partners where the card's text tells their part in the experience.
"""

import pytest

from organisations.enums import StructureType

EXPECTED = {
    "G1-1": [
        "Communauté de communes Les Vallons du Guiers",
        "ANPE",
        "Mission locale (Pont-de-Beauvoisin)",
        "ESP 38",
        "Association PRISME",
        "Comité d'expansion économique (Pont-de-Beauvoisin)",
        "GRETA (Pont-de-Beauvoisin)",
        "CCI (Pont-de-Beauvoisin)",
        "Chambre de métiers et de l'artisanat (Pont-de-Beauvoisin)",
        "Conseil régional de Rhône-Alpes",
        "Extra Muros",
        "Conseil général de l'Isère",
        "Conseil général de la Savoie",
        "État",
        "Caisse d'Épargne",
    ],
    "G1-2": [
        "COORACE Rhône-Alpes",
        "CRESS Rhône-Alpes",
        "La Nef",
        "ADIE",
        "Union régionale des SCOP Rhône-Alpes",
        "Commune de Romans-sur-Isère",
        "CCAS de Romans-sur-Isère",
        "Conseil général de la Drôme",
        "Conseil général de l'Ardèche",
        "CCI de la Drôme",
        "Boutique de gestion (Drôme)",
        "Fonds territorial France Active (Drôme)",
        "Fédération départementale des centres sociaux (Drôme)",
        "Fédération régionale des centres sociaux (Rhône-Alpes)",
    ],
    "G1-3": [
        "ANPE",
        "Cap Emploi du Jura",
        "CIDFF du Jura",
        "1000 services",
        "INDIBAT",
        "AGATE Paysages",
        "ADIE",
        "Secours catholique",
        "JURAVEM",
        "Espace Jeunes de Morez",
        "AIRE",
        "FONGECIF Franche-Comté",
        "GRETA du Jura",
        "Commune de Morez",
        "Communauté de communes ARCADE",
        "Conseil général du Jura",
        "CRAM (Jura)",
        "CPAM du Jura",
        "CAF du Jura",
        "MSA (Jura)",
        "ASSEDIC (Jura)",
        "Préfecture du Jura",
        "Extra Muros",
    ],
    "G2-1": [
        "PLIE de Fourmies-Trélon",
        "PLIE du Val de Sambre",
        "ANPE",
        "Maison de l'emploi Sambre-Avesnois",
        "Conseil général du Nord",
        "GIP-DSU du Pays de Sambre Avesnois",
        "GEIQ BTP",
    ],
    "G2-2": [
        "Aix Emploi Relais (AER)",
        "ADPEI",
        "État",
    ],
    "G2-3": [
        "MEDEFI du Pays de Redon et de Vilaine",
    ],
    "G2-4": [
        "Grenoble Alpes Métropole",
        "Mission locale de Grenoble",
        "FAF-TT",
        "GRETA de Grenoble",
        "PLIE (Grenoble)",
        "Commune de Grenoble",
        "ANPE",
    ],
    "G2-5": [
        "Inter-réseaux IAE Midi-Pyrénées",
        "FNARS Midi-Pyrénées",
        "Chantier École Midi-Pyrénées",
        "UREI Midi-Pyrénées",
        "CNLRQ",
        "Réseau Cocagne",
        "Conseil régional de Midi-Pyrénées",
    ],
    "G2-6": [
        "DDTEFP de l'Eure",
        "Préfecture de l'Eure",
        "Conseil général de l'Eure",
        "PLIE d'Évreux",
        "Communauté d'agglomération Seine Eure",
        "UREI Haute-Normandie",
        "DRTEFP de Haute-Normandie",
        "STO Consult",
        "OPUS 3",
        "Emploi Conseil",
    ],
    "G2-7": [
        "COORACE Île-de-France",
        "ARDIE Île-de-France",
        "FNARS Île-de-France",
        "Chantier École Île-de-France",
        "CNCE-GEIQ",
        "Maison de l'emploi et de la formation de Nanterre",
        "Maison de l'emploi de Rueil-Malmaison",
        "Inter-réseaux IAE 92",
    ],
    "G2-8": [
        "URIAE Nord-Pas-de-Calais",
        "DDTEFP du Pas-de-Calais",
    ],
    "G2-9": [
        "ANPE",
        "DDTEFP de la Loire-Atlantique",
        "Mission locale Nantes Métropole",
        "PLIE de la Métropole nantaise",
        "Maison de l'emploi de la Métropole nantaise",
        "Conseil général de la Loire-Atlantique",
        "Commune de Nantes",
    ],
    "G2-10": [
        "CRES Pays de la Loire",
        "DRTEFP Pays de la Loire",
    ],
    "G3-1": [
        "ADMR des Deux-Sèvres",
        "Familles Rurales des Deux-Sèvres",
        "Association Gâtine Emploi",
        "Association gérontologique de Gâtine",
        "CCAS de Parthenay",
        "Centre socioculturel des Forges",
        "Conseil général des Deux-Sèvres",
        "MSA des Deux-Sèvres",
        "Pays de Gâtine",
        "Mission locale du Pays de Gâtine",
        "OPCA de l'AIR",
    ],
    "G3-2": [
        "Conseil régional de Provence-Alpes-Côte d'Azur",
        "Conseil général des Bouches-du-Rhône",
        "DDTEFP des Bouches-du-Rhône",
        "Communauté d'agglomération Agglopole Provence",
        "Commune de Salon-de-Provence",
        "ANPE",
        "Agglopole Entreprendre",
        "Association du Parc d'activités de la Gandonne",
        "UPE 13",
        "COORACE PACA-Corse",
        "COORACE",
        "Pôle 13",
        "Transport Mobilité Solidarité",
        "Mission locale (Salon-de-Provence)",
        "Chambre de commerce et d'industrie (Salon-de-Provence)",
        "ADSP",
    ],
    "G3-3": [
        "Conseil général de l'Essonne",
        "Conseil régional d'Île-de-France",
        "ARENE Île-de-France",
        "Mission locale du Sud Essonne",
        "PLIE du Sud Essonne",
        "ANPE",
        "BPI",
        "Réseau local d'appui (RMI) du Sud Essonne",
    ],
    "G3-4": [
        "CIDF du Jura",
        "Communauté d'agglomération du Grand Dole",
        "Sous-préfecture de Dole",
        "Roue de secours",
        "ANPE",
        "DDTEFP du Jura",
        "Conseil général du Jura",
        "Commune de Dole",
        "Conseil régional de Franche-Comté",
        "ADSP",
    ],
    "G3-5": [
        "AFPA Pays de la Loire",
        "DRTEFP Pays de la Loire",
        "Conseil régional des Pays de la Loire",
        "COORACE",
        "Proxim'Services",
        "ADMR",
        "UNA",
        "ADESSA",
        "AGEFOS-PME",
        "Uniformation",
        "ANPE",
        "État",
    ],
    "G3-6": [
        "Conseil régional de Midi-Pyrénées",
        "AGEFOS-PME",
        "REUNICA Bayard",
        "ANPE",
        "ADMR",
        "IRFA Sud",
        "Institut Limayrac",
        "DDTEFP de la Haute-Garonne",
        "DDTEFP de Tarn-et-Garonne",
    ],
    "G3-7": [
        "COORACE",
        "FNARS",
        "UDAD",
        "UNA",
        "ADMR",
        "Inter-CE DACC",
        "Chèque Domicile",
        "Mutualité française Anjou-Mayenne",
        "CFDT",
        "Angers Loire Métropole",
        "Conseil général de Maine-et-Loire",
        "CAF de Maine-et-Loire",
        "AGIRC-ARRCO",
        "Communauté d'agglomération du Choletais",
        "DDTEFP de Maine-et-Loire",
        "DDASS de Maine-et-Loire",
        "ANPE",
    ],
    "G4-1": ["PERFEGAL", "Extra Muros", "Maison de l'emploi et de la formation de Nanterre"],
    "G4-2": ["PERFEGAL"],
    "G5-1": [
        "GAB 56",
        "Manger Bio",
        "Commune de Muzillac",
        "Rotary Club de Vannes",
        "DDTEFP du Morbihan",
        "Extra Muros",
    ],
    "G5-2": [
        "Communauté de communes du Pays de Bégard",
        "Les amis du Palacret",
        "Conseil général des Côtes-d'Armor",
        "Conseil régional de Bretagne",
        "État",
    ],
    "G5-3": [
        "État",
        "Conseil général du Jura",
        "Conseil régional de Franche-Comté",
        "Haut Commissariat aux solidarités actives",
        "Caisse des dépôts et consignations",
        "Franche-Comté Active",
        "Fondation MACIF",
        "ECTI",
        "Réseau Entreprendre",
        "DLA du Jura",
        "Extra Muros",
    ],
    "G5-4": [
        "Grenoble Alpes Métropole",
        "Régie de Quartier Villeneuve",
        "Conseil régional de Rhône-Alpes",
        "Réseau national des Ressourceries",
    ],
    "G5-5": [
        "DEHONDT Technologies",
        "Syndicat mixte de Port-Jérôme",
        "Union régionale des SCOP (Haute-Normandie)",
        "Seine Estuaire Entreprendre",
        "Caisse des dépôts et consignations",
        "Conseil régional de Haute-Normandie",
        "Conseil général de la Seine-Maritime",
        "Haute-Normandie Active",
        "Communauté de communes (Pays de Caux)",
        "Auxilia",
        "E4",
    ],
}


def test_every_card_is_listed(parsed_000):
    assert sorted(c.source_key for c in parsed_000.cards) == sorted(
        f"experience-{code}" for code in EXPECTED
    )


@pytest.mark.parametrize("code", EXPECTED)
def test_partners(parsed_000, code):
    card = next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")
    assert card.partners == EXPECTED[code]


def test_each_partner_is_an_organisation_with_a_type(parsed_000):
    organisations = {o.name: o for o in parsed_000.organisations}
    allowed = set(StructureType.values)
    for names in EXPECTED.values():
        for name in names:
            assert organisations[name].structure_types, name
            assert set(organisations[name].structure_types) <= allowed, name


def test_a_partner_is_placed_where_it_acts(parsed_000):
    """A partner's département is the one its name gives, none for a national or régional
    body, else the experience's: not the porteur's office (G5-2's porteur is in Rennes,
    its Palacret in the Côtes-d'Armor)."""
    where = {}
    for organisation in parsed_000.organisations:
        where.setdefault(organisation.name, organisation.departement_code)
    assert where["Conseil général de l'Ardèche"] == "07"  # on a Drôme card (G1-2)
    assert where["Communauté de communes du Pays de Bégard"] == "22"
    assert where["PLIE d'Évreux"] == "27"  # G2-6, in the Eure; its porteur is in Rouen
    assert where["Commune de Morez"] == "39"
    assert where["Centre socioculturel des Forges"] == "79"
    for national_or_regional in ("ANPE", "FNARS", "ADMR", "CNLRQ", "Conseil régional de Bretagne",
                                 "Franche-Comté Active", "COORACE Île-de-France"):  # fmt: skip
        assert where[national_or_regional] == "", national_or_regional
    # A card over several départements places its local partners at its porteur's.
    assert where["IRFA Sud"] == "31"
    # A partner the card names generically, named for its territory, is placed there.
    assert where["Mission locale du Sud Essonne"] == "91"
    assert where["Maison de l'emploi Sambre-Avesnois"] == "59"
    assert where["GRETA (Pont-de-Beauvoisin)"] == "38"
    # The État (G2-2, through the FDI) acts nationally; a DDTEFP is its département's, a
    # generically named partner the card's (G2-1's GEIQ BTP, G3-2's CCI).
    assert where["État"] == ""
    assert where["DDTEFP de Tarn-et-Garonne"] == "82"
    assert where["GEIQ BTP"] == "59"
    assert where["Chambre de commerce et d'industrie (Salon-de-Provence)"] == "13"
    assert where["Communauté de communes (Pays de Caux)"] == "76"
    # VITA's consultants act nationally.
    assert where["Extra Muros"] == where["PERFEGAL"] == ""


VITA_CONSULTANTS = {"Extra Muros", "PERFEGAL", "ADSP"}


def test_vita_consultants_are_partners_only_where_the_card_tells_their_work(parsed_000):
    """Extra Muros, PERFEGAL and the ADSP are partners of the cards whose text tells what
    they did (« L'intervention d'Extra Muros a été décisive », « l'accompagnement réalisé
    par PERFEGAL », « L'accompagnement sur site de Guy MICHEL (ADSP) »), not of every card
    whose side label « Groupe de travail VITA accompagné par … » names them."""
    with_them = {
        card.source_key.removeprefix("experience-")
        for card in parsed_000.cards
        if VITA_CONSULTANTS & set(card.partners)
    }
    assert with_them == {"G1-1", "G1-3", "G3-2", "G3-4", "G4-1", "G4-2", "G5-1", "G5-3"}


def test_bodies_named_by_their_kind_are_told_apart_by_their_place():
    from organisations.matching import name_keys

    salon = name_keys("Mission locale (Salon-de-Provence)")
    assert not set(salon) & set(name_keys("Mission locale (Pont-de-Beauvoisin)"))
    assert not set(salon) & set(name_keys("Mission locale"))
    # A bracketed acronym still names its structure.
    assert "alcg" in name_keys("Association de Lutte Contre le Gaspillage (ALCG)")
    assert "air" in name_keys("AIR (Association Intermédiaire de Réinsertion)")


@pytest.mark.django_db
def test_each_card_keeps_its_own_generic_partner(imported):
    from experiences.models import ExperienceCard
    from sources.models import ImportedRecord

    def partners(code):
        record = ImportedRecord.objects.get(document="000", key=f"experience-{code}")
        return {o.name for o in ExperienceCard.objects.get(pk=record.object_id).partners.all()}

    assert "Mission locale (Salon-de-Provence)" in partners("G3-2")
    assert "Mission locale (Pont-de-Beauvoisin)" in partners("G1-1")
    assert "Mission locale (Pont-de-Beauvoisin)" not in partners("G3-2")
