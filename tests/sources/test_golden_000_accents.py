"""Golden fields of 000: the small words, marks and letters of the independent audit d
(à, où, dès, dû; quotation marks, brackets, ordinals, footnote calls; a verb the repair
made a participle), each read on the record the portal shows.

Every string field of a record is read together: the fixes hold wherever the parser
files the passage (actions, a frein, a levier, the structure's presentation).
"""

import dataclasses

import pytest

from sources.documents import DOCUMENTS_BY_CODE

DOCUMENT = DOCUMENTS_BY_CODE["000"]


def _strings(value) -> list[str]:
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def card(parsed_000, code) -> str:
    found = next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")
    return "\n".join(_strings(found))


def group(parsed_000, code) -> str:
    return "\n".join(_strings(next(g for g in parsed_000.groups if g.code == code)))


def structure(parsed_000, name) -> str:
    return "\n".join(_strings(next(o for o in parsed_000.organisations if o.name == name)))


def introduction(parsed_000) -> str:
    return "\n".join(_strings(parsed_000.programmes))


def resource(parsed_000, key) -> str:
    return "\n".join(_strings(next(r for r in parsed_000.resources if r.source_key == key)))


CARDS = {
    "G1-1": (["jusqu'à devenir défenseurs", "Dès l'ouverture du bâtiment"], ["jusqu'a", "Dés "]),
    "G2-2": (["Ce portage par un acteur privé a soulevé des questions"], ["a soulève"]),
    "G2-5": (
        ["Nous avons donc dû développer", "groupe de travail “ Ateliers"],
        [" di ", "* Ateliers"],
    ),
    "G2-6": (["gestionnaires des clauses (là où ils existent)"], ["(la ou ils"]),
    "G2-8": (
        [
            "pour “ maladie ordinaire",
            "“ l'entretien général ” supérieures à 7 jours",
            "relatifs à l'utilisation de la dotation",
            "Intervention à J+1 d’un salarié",
            "salariés “à double niveau",
        ],
        ["* maladie", "a7 jours", "al'utilisation", "J+1d", "“supérieures"],
    ),
    "G3-1": (
        ["non lucratifs¹, désignent", "¹ Association Départementale ADMR"],
        ["lucratifs?", "1 - Association"],
    ),
    "G3-2": (["Les perspectives, dès 2008"], ["dés 2008"]),
    "G3-6": (
        [
            "représentants d’ASP élabore un projet",
            "“Employé familial Polyvalent” : 350 heures",
            "suivies de 2 à 3 semaines",
            "- le non renouvellement de financements",
            "Associé dès la réalisation",
        ],
        ["ASP élaboré", "”™", "2a 3", "- e non", "Associé des la"],
    ),
    "G4-1": (
        [
            "un territoire où réside une population",
            "1re étape (mai 2007)",
            "2e étape (juin - juillet 2007)",
            "3e étape (septembre - novembre 2007)",
            "4e étape : journées de formation",
            "des salariés en insertion à l'égalité femme / homme",
            "nous force parfois à nous concentrer",
            "L'équipe et les compétences des salariés",
        ],
        ["¢", "32 étape", "*™", "@nous", " 3 l'égalité"],
    ),
    "G5-1": (["sur un territoire où coexistent des cultures"], ["territoire ou coexistent"]),
    "G5-2": (["jusqu’où va cette responsabilité", "et “ historique”"], ["* historique"]),
    "G5-3": (
        [
            "Dole Revermont où elle a son siège",
            "dès la phase d'étude",
            "“ Entreprendre Autrement ”),",
        ],
        ["ot elle", "“J"],
    ),
    "G5-4": (["Dès le départ, un déséquilibre"], ["Des le départ"]),
}


@pytest.mark.parametrize("code", CARDS)
def test_a_card_says_the_small_words_and_marks_the_document_prints(parsed_000, code):
    text = card(parsed_000, code)
    present, absent = CARDS[code]
    assert [phrase for phrase in present if phrase not in text] == []
    assert [damage for damage in absent if damage in text] == []


def test_the_groups_say_the_small_words_and_marks_the_document_prints(parsed_000):
    g2, g3, g5 = group(parsed_000, "G2"), group(parsed_000, "G3"), group(parsed_000, "G5")
    # G2: marchés publics, the footnote calls and numbers, (...), à, dès, identifie
    assert "les clauses sociales dans les marchés publics" in g2
    assert "des finances et l'emploi¹, qui vient" in g2
    assert "pour le compte du CNIAE² et l'autre" in g2
    assert "¹ Guide Commande publique" in g2 and "² Guide Clauses sociales" in g2
    assert "³ Guide d'utilisation de la commande publique" in g2
    assert "(...) en prenant en compte" in g2
    assert "des SIAE dès lors que celles-ci" in g2
    assert "ce cahier des charges identifie les éléments" in g2
    for damage in ("marches publics", "emploi'", "CNIAE?", "' Guide", "3Guide", "...J"):
        assert damage not in g2
    # G3: Gâtine as the scan writes it elsewhere, où, d'« Assistant(e)… »
    assert "en Pays de Gâtine (Deux-Sèvres)" in g3 and "Géatine" not in g3
    assert "dans un contexte où la recherche de financements" in g3
    assert "formation qualifiante d'“Assistant(e) de vie aux familles”" in g3
    # G5: dès
    assert "Dès lors, la motivation première" in g5
    assert "à être intégrées dès l'amont de l'élaboration" in g5


def test_the_cahier_des_charges_keeps_its_verb(parsed_000):
    assert "ce cahier des charges identifie les éléments" in resource(parsed_000, "production-G2-2")


def test_the_structures_presentations_say_the_small_words_the_document_prints(parsed_000):
    assert "associatifs travaillant à l'accès à l'emploi" in structure(
        parsed_000, "Groupement d’employeurs Espace CENTREMPLOI"
    )
    assert "En vertu de l'acte II de la décentralisation" in structure(
        parsed_000, "Conseil Général du Pas-de-Calais"
    )
    assert "sur les territoires où elle est amenée à intervenir" in structure(
        parsed_000, "AGATE Paysages"
    )


def test_the_introduction_s_footnotes_have_their_numbers(parsed_000):
    text = introduction(parsed_000)
    assert "l'Economie sociale et solidaire¹." in text and "¹ AVISE (Agence" in text
