"""The repair of 001's Mac Roman shift fault, on lines of the real document."""

import re
from functools import cache

import pytest

from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.repair import Vocabulary, macroman


@cache
def raw_001() -> str:
    return DOCUMENTS_BY_CODE["001"].path.read_text(encoding="utf-8")


@cache
def vocabulary() -> Vocabulary:
    """Words of all five documents, 001's repaired once, as the parser builds them."""
    others = [d.path.read_text(encoding="utf-8") for d in DOCUMENTS if d.code != "001"]
    return Vocabulary(macroman.repair(raw_001()), *others)


def repair(text: str) -> str:
    return macroman.repair(text, vocabulary())


@pytest.mark.parametrize(
    ("shifted", "meant"),
    [
        ("®", "é"),
        ("¨", "à"),
        ("¯", "è"),
        ("¹", "ô"),
        ("°", "ê"),
        ("©", "â"),
        ("´", "î"),
        ("½", "ù"),
        ("¾", "û"),
        ("ô", "’"),
        ("ï", "–"),
        ("î", "œ"),
        ("ç", "«"),
        ("è", "»"),
        ("é", "…"),
    ],
)
def test_the_table_is_mac_roman_shifted(shifted, meant):
    assert macroman.SHIFTED[shifted] == meant


def test_the_table_covers_latin_1_from_0xa0_and_leaves_capitals_alone():
    assert set(macroman.SHIFTED) == {chr(code) for code in range(0xA0, 0x100)}
    assert macroman.decode("D®PARTEMENT dôEURE") == "DéPARTEMENT d’EURE"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (
            "Atelier thématique 1  ï D®veloppement dôactivit®s et de services porteurs "
            "dôemplois et de solidarit®",
            "Atelier thématique 1  – Développement d’activités et de services porteurs "
            "d’emplois et de solidarité",
        ),
        (
            "Promouvoir le recours ¨ la clause dôinsertion dans les marchés publics",
            "Promouvoir le recours à la clause d’insertion dans les marchés publics",
        ),
        (
            "AI ç atypique  è depuis que le Conseil dôAdministration a d®cid® en 1996",
            "AI « atypique  » depuis que le Conseil d’Administration a décidé en 1996",
        ),
        (
            "Elle  nôa pas ®chapp® aux ®volutions qui ont pu °tre constat®es",
            "Elle  n’a pas échappé aux évolutions qui ont pu être constatées",
        ),
        (
            "le CG trouve que les ACI leur co¾te cher",
            "le CG trouve que les ACI leur coûte cher",
        ),
        (
            "le CG veut couper des ACI plut¹t quôen soutenir de nouveaux.",
            "le CG veut couper des ACI plutôt qu’en soutenir de nouveaux.",
        ),
        (
            "Elaboration et mise en îuvre d'une strat®gie de d®veloppement d'un P¹le",
            "Elaboration et mise en œuvre d'une stratégie de développement d'un Pôle",
        ),
        ("les fondamentaux de leur cîur de m®tier :", "les fondamentaux de leur cœur de métier :"),
        (
            "N®cessit® dôun diagnostic pour conna´tre lôexistant (en mati¯re dôactivit®s)",
            "Nécessité d’un diagnostic pour connaître l’existant (en matière d’activités)",
        ),
        ("dôo½ ®criture d'une présentation", "d’où écriture d'une présentation"),
        ("(chantiers dôinsertion espaces naturels et patrimoine b©ti)", None),
        ("nous proposons dô°tre une instance de coordination", None),
        (
            "Aujourdôhui, phase de remise ¨ plat du projet",
            "Aujourd’hui, phase de remise à plat du projet",
        ),
        ("Place du chercheur dôemploi : côest lôacteur principal", None),
        ("-  dôêtre une force politique auprès des institutionnels", None),
        ("Il existe pourtant des disparit®s ¨ lôéchelle des territoires", None),
    ],
)
def test_damaged_runs_are_decoded(damaged, repaired):
    result = repair(damaged)
    if repaired is not None:
        assert result == repaired
    assert not re.search(rf"[{macroman.SYMBOLS}°]|\bd ?ô|\bl ?ô|côest", result)


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ACTôEURE INSERTION ï HAUTE-NORMANDIE", "ACT’EURE INSERTION – HAUTE-NORMANDIE"),
        ("Groupes Projets dôActôEure Insertion", "Groupes Projets d’Act’Eure Insertion"),
        ("FLOCôH H®l¯ne, Chargée de projet", "FLOC’H Hélène, Chargée de projet"),
        ("Centremploi, Coup DôPouce, Isis", "Centremploi, Coup D’Pouce, Isis"),
        ("DÉPARTEMENT  COTES D ôARMOR", "DÉPARTEMENT  COTES D’ARMOR"),
        ("Accompagnement au démarrage d ôESSEM", "Accompagnement au démarrage d’ESSEM"),
        ("(2 AI, 2 EI, 1 ACI, 1 Proxim ôService)", "(2 AI, 2 EI, 1 ACI, 1 Proxim’Service)"),
        (
            "A partir de nos partenariats actuels, l ôobjectif",
            "A partir de nos partenariats actuels, l’objectif",
        ),
    ],
)
def test_apostrophes_in_names_and_after_a_stray_space(damaged, repaired):
    assert repair(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("durableéééééééééééééééé", "durable…"),
        (
            "ULISSE -  RHÔNE ALPES -  Isère (38) éééééééééé.ééééééééééé.",
            "ULISSE -  RHÔNE ALPES -  Isère (38) …",
        ),
        (
            "PASSERELLE ïAUVERGNE ï Puy de Dôme (63)  ééééééé...ééééééé...éé",
            "PASSERELLE –AUVERGNE – Puy de Dôme (63)  …",
        ),
    ],
)
def test_dot_leaders(damaged, repaired):
    assert repair(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (
            "(Passerelle, le Foyer des Jeunes Travailleurs é).",
            "(Passerelle, le Foyer des Jeunes Travailleurs …).",
        ),
        ("- Etude, TSF é pour ®tudier ce projet", "- Etude, TSF … pour étudier ce projet"),
        (
            "exemples de conventionnement avec lôEtat é",
            "exemples de conventionnement avec l’Etat …",
        ),
        ("activit®s m®nag¯res, repas, courses, é", "activités ménagères, repas, courses, …"),
        ("financiers (FSE, fondationsé.).", "financiers (FSE, fondations….)."),
        ("moyens humains et financiers pour ce type de projeté", None),
        ("dans la gestion logistique et fonctionnelle de notre si¯ge socialé", None),
        ("(Statuts, forme juridique, outils de fonction nement, politique commercialeé).", None),
        ("mise en îuvre de formation (financements, ing®nierieé)", None),
        (
            "(statuts, rapport dôactivit®é), peuvent aider",
            "(statuts, rapport d’activité…), peuvent aider",
        ),
        ('"Moteuré Action" : Programme', '"Moteur… Action" : Programme'),
    ],
)
def test_e_acute_for_an_ellipsis(damaged, repaired):
    result = repair(damaged)
    if repaired is not None:
        assert result == repaired
    assert "…" in result
    assert not re.search(r"[a-z]é[).]|[a-z]é$", result)


@pytest.mark.parametrize(
    "genuine",
    [
        "Les Associations intermédiaires ont dans ce contexte un rôle primordial à jouer",
        "plutôt que de poursuivre en portant souvent seul les actions",
        "ADPEI - PROVENCE ALPES COTE D'AZUR -  Bouches -du -Rhône (13)",
        "ISACTYS  -  RHÔNE ALPES -  Isère (38)",
        "Pôle multi activités pour personnes isolées, âgées ou handicapées",
        "ETUDES ET CHANTIERS Bretagne - Côtes -d'Armor (22)",
        "NOVEO  - FRANCHE COMTE - Haute Saône (70)",
        "DÉPARTEMENT  PUY DE DÔME (63)",
        "Emplois familiaux classiques mais de longue durée, ne devant plus être du ressort",
        "Certains CA sont prêts , d'autres pas",
        "Avec les municipalités  : salle des fêtes disponibles",
        "Les Potagers du Télégraphe (Chantier d'insertion) : maraîchage biologique",
        "comment interpeller les hésitants sans apparaître comme un ogre",
        "le plan régional de la maîtrise de l'énergie",
        "de façon à constituer, de fait, une GPEC externalisée",
        "la Maison Emploi et Services conçue avec la Communauté de Communes",
        "LEBLANC Jean -François, Président  de REAGIR !",
        "un problème de mobilité, avec un modèle économique, auprès des clients",
        "sur un territoire à cheval entre l'Isère et la Savoie",
        "serviront de supports à cette 1 ère  phase",
        "Le site appartient à la Communaut é de Communes du Pays de Bégard.",
        "Atelier thématique 2 – Alliances stratégiques public / priv é",
        "l'acquisition d'un véhicule est né",
        "le marché est devenu plus concurrentiel.",
        "Projet européen proposé aux territoires sensibles",
        "a  créé en 2004 avec une autre AI",
        "ASP en mode prestataire agréée qualité depuis juin 2007",
        "DLA & Territoires n° 18",
        "un projet naïf",
    ],
)
def test_genuine_letters_stay(genuine):
    assert repair(genuine) == genuine


def test_the_whole_document():
    raw = raw_001()
    repaired = repair(raw)
    assert not re.search(rf"[{macroman.SYMBOLS}]", repaired)
    assert not re.search(r"é{3,}|\b(?:d|l|n|qu|s|c)ô[aeiouyhé]", repaired)
    assert "°" not in repaired
    assert repaired.count("ï") == 0
    # The genuine letters of the undamaged runs are all still there (and the damaged runs
    # add more of some: « P¹le » is « Pôle »).
    genuine = ("Dôme", "Rhône", "RHÔNE", "Pôle", "Côtes", "Saône", "rôle", "plutôt", "être")
    genuine += ("façon", "conçue", "François", "problème", "auprès", "maîtrise", "maraîchage")
    for word in genuine:
        assert repaired.count(word) >= raw.count(word) > 0, word


def test_without_a_vocabulary_the_text_itself_is_used():
    assert macroman.repair("Etude, TSF é pour ®tudier") == "Etude, TSF … pour étudier"


def test_a_lone_e_acute_in_a_split_word_stays_a_letter():
    words = Vocabulary("un écrit, des écrits, la communauté, les communautés")
    assert macroman.repair("et un é crit des témoignages", words) == "et un é crit des témoignages"
    assert macroman.repair("la Communaut é de Communes", words) == "la Communaut é de Communes"
    assert macroman.repair("le Foyer des Jeunes Travailleurs é)", words).endswith("Travailleurs …)")
