"""Golden records of document 003, the Manuel de référence DTS (COORACE, December 2010):
the audited fields of six fiches and cards, as the manual gives them (its pages are
numbered within each fiche: the fiche's code places them)."""

import pytest

from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.parsers import manuel_dts


@pytest.fixture(scope="module")
def parsed():
    raw = DOCUMENTS_BY_CODE["003"].path.read_text(encoding="utf-8")
    return manuel_dts.parse(corrections.apply("003", raw))


@pytest.fixture(scope="module")
def fiches(parsed):
    return {fiche.code: fiche for fiche in parsed.fiches}


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.fiche_code: card for card in parsed.cards}


def test_counts(parsed):
    assert (len(parsed.fiches), len(parsed.keywords), len(parsed.cards)) == (41, 53, 20)
    assert sum(len(fiche.links) for fiche in parsed.fiches) == 276


def test_i_a_1(fiches):
    fiche = fiches["I-A-1"]
    assert fiche.resource.title == (
        "Des constats et des propositions pour le développement de territoires solidaires"
    )
    body = {block.kind: block.body for block in fiche.blocks}["de_quoi"]
    assert "des « pôles de coopération territoriale »², au même" in body
    notes = {block.heading: block.body for block in fiche.blocks}["Notes"]
    assert notes.startswith("1. Jean GADREY – « Utilité sociale » in J.L. LAVILLE")


def test_i_c_1_c_key_points(fiches):
    fiche = fiches["I-C-1-c"]
    assert fiche.success_keys == [
        "Associer de manière permanente toutes les parties prenantes",
        "Etre force de proposition",
        "S’appuyer sur une position d’acteur productif, engagé dans les échanges économiques "
        "locaux",
        "S’appuyer sur la participation des salariés et habitants du territoire",
    ]
    assert fiche.watch_points[-1] == (
        "Eviter les instances de débat trop larges et trop générales non reliées à des projets "
        "précis (les «grands-messes »)"
    )


def test_i_c_2_g_key_points(fiches):
    fiche = fiches["I-C-2-g"]
    assert fiche.success_keys[0] == "Une volonté politique forte et constante de mise en œuvre."
    assert fiche.watch_points == [
        "Avoir une connaissance (salariés et employeur) du cadre et des règles imposées.",
        "Etre formé (salariés et employeurs) à la négociation sociale",
    ]


def test_iii_1_card(cards):
    card = cards["III-1"]
    assert card.title == (
        "Valorisation du patrimoine et ouverture internationale autour d’un projet durable et "
        "solidaire"
    )
    freins = [point.text for point in card.points if point.topic == "Points de vigilance"]
    assert freins[0].startswith("Le portage effectif de la mission de DTS")
    leviers = [point.text for point in card.points if point.topic == "Clefs de réussite"]
    assert len(leviers) == 4


def test_iii_12_card_notes(cards):
    card = cards["III-12"]
    assert "ADAPEI⁴, et bien entendu des AI et centres sociaux." in card.actions
    assert card.actions.endswith(
        "- ³ Lire Ecrire Compter (LEC)\n- ⁴ Association Départementale des Amis et Parents de "
        "Personnes ayant un Handicap Mental (ADAPEI)"
    )


def test_iii_20_card(cards):
    card = cards["III-20"]
    assert card.title == (
        "Initiatives d’un groupe économique solidaire en faveur de la sécurisation des "
        "parcours professionnels"
    )
    assert (card.porteur, card.departement_codes, card.territory_name, card.scale) == (
        "Groupe ISACTYS",
        ["38"],
        "Communauté de communes Les Vallons du Guiers",
        "intercommunalite",
    )
    assert "Groupe Economique Solidaire (GES)¹ regroupant" in card.context
    assert [p.text for p in card.points if p.topic == "Points de vigilance"] == [
        "Veiller à la faisabilité économique."
    ]


def test_keyword_primary_reference(parsed):
    keywords = {keyword.name: keyword for keyword in parsed.keywords}
    transversalite = keywords["Transversalité (approche transversale ou globale)"]
    assert transversalite.primary_fiche_codes == ["I-C-2-c"]


# -- partners and years of the Part III cards, reviewed against the fiches ----------------

REVIEWED_CARDS = {
    # fiche: (partners, start year, end year), as the fiche's sentences give them
    "III-1": ([], 2004, None),  # « réflexion partenariale entamée en 2004 »
    "III-4": (["Centre d’Information sur le Droit des Femmes"], 2008, None),
    "III-3": (["Conseil Régional d’Ile-de-France"], 2008, None),  # « le plus structurant »
    # « convention cadre tripartite associant les deux opérateurs (ULISSE et la Régie de
    # Quartier) à la Métro »; 001 names the régie.
    "III-5": (["Grenoble Alpes Métropole", "Régie de Quartier Villeneuve"], 2008, None),
    "III-8": (["Maison de l’Emploi de Saint-Quentin-en-Yvelines"], 2009, None),
    "III-9": (["COORACE PACA-Corse"], 2006, None),
    "III-10": (["Pays de Gâtine"], None, None),
    "III-12": (
        ["Fédération des Centres Sociaux du Maine-et-Loire", "COORACE Pays de la Loire"],
        2009,
        None,
    ),
    "III-16": ([], 2008, None),  # « Lancées initialement … de l’ANSA, en 2008 »
    "III-15": (["AICM"], 2010, None),  # « La journée de lancement en janvier 2010 »
    "III-17": ([], 2008, 2011),  # « Initiée fin 2008 … doit prendre fin en mars 2011 »
    "III-18": ([], 2010, None),
    "III-19": (["Steredenn", "SCIC ECLIS", "SCIC ENR"], None, None),
    "III-20": ([], None, None),  # its three actions are dated « fin 2010 », not started
}


@pytest.mark.parametrize("code", sorted(REVIEWED_CARDS))
def test_part_iii_partners_and_years(cards, code):
    card = cards[code]
    assert (card.partners, card.start_year, card.end_year) == REVIEWED_CARDS[code]


def test_reviewed_partners_are_organisations(parsed):
    names = {organisation.name for organisation in parsed.organisations}
    assert {partner for card in parsed.cards for partner in card.partners} <= names


def test_reviewed_evidence_is_checked():
    raw = DOCUMENTS_BY_CODE["003"].path.read_text(encoding="utf-8")
    damaged = corrections.apply("003", raw).replace("Initiée fin 2008", "Initiée fin 2007")
    with pytest.raises(manuel_dts.SourceFormatError, match="III-17"):
        manuel_dts.parse(damaged)


# -- the independent audit's defects (Part III cards) -------------------------------------


@pytest.mark.parametrize("code", ["III-5", "III-14", "III-20"])
def test_ges_note_is_whole_and_out_of_the_body(fiches, code):
    """Note 1's second paragraph (« Le GES est une entreprise… », wider than any body
    line) is the note's, not a paragraph of the fiche."""
    fiche = fiches[code]
    notes = {block.heading: block.body for block in fiche.blocks}["Notes"]
    assert (
        "économique d’un territoire. Le GES est une entreprise ou un groupement d’entreprises "
        "solidaires comportant plusieurs structures" in notes
    )
    assert "– Un mode de gouvernance unique ou unifiée – Un logique de mutualisation" in notes
    body = "\n".join(block.body for block in fiche.blocks if block.heading != "Notes")
    assert "Le GES est une entreprise" not in body


def test_iii_5_actions_hold_no_note(cards):
    card = cards["III-5"]
    assert "Le GES est une entreprise" not in card.actions.split("Notes :")[0]
    assert (
        "collectes permanentes en déchetteries et des actions de sensibilisation au réemploi."
        "\n\nCette orientation a pour finalité" in card.actions
    )
    assert "- ¹ Les Groupes Economiques Solidaires" in card.context
    assert card.context.endswith("Un logique de mutualisation de ressources et de moyens.")


def _tensions(card):
    return [p.text for p in card.points if p.kind == "frein" and p.topic != "Points de vigilance"]


def test_iii_5_freins_hold_the_tensions_whole(cards):
    tensions = _tensions(cards["III-5"])
    assert [text[:60] for text in tensions] == [
        "Le principal questionnement concerne la sécurisation du proj",
        "La reconduite et l’extension de l’expérimentation engendre d",
        "Ainsi, la question de la gouvernance devient centrale dans c",
        "La démonstration de l’utilité sociale et de l’intérêt collec",
        "De nouvelles pistes de développement de services et de produ",
    ]
    assert tensions[0].endswith(
        "la projection à long terme reste difficile, tant pour les financeurs que pour le groupe."
    )


def test_iii_9_freins_hold_the_framing_and_the_communication(cards):
    tensions = _tensions(cards["III-9"])
    assert tensions[0] == (
        "L’enjeu principal du collectif est la construction d’une vision stratégique à moyen "
        "terme, pour plusieurs raisons:"
    )
    assert tensions[2].startswith(
        "Le collectif a une stratégie de communication, mais n’y a-t-il pas risque "
        "d’interférence avec la stratégie de communication du réseau régional ?"
    )
    assert len(tensions) == 4


def test_tensions_keep_their_sub_headings_and_sentences(cards):
    """A sub-heading heads the points under it; an item in lower case ends the sentence
    before it."""
    topics = [p.topic for p in cards["III-10"].points if p.kind == "frein"]
    assert topics[0] == "Le modèle économique de cette fonction"
    assert "Le modèle économique de cette fonction" not in [p.text for p in cards["III-10"].points]
    [mixed] = [t for t in _tensions(cards["III-2"]) if t.startswith("Consolider le modèle")]
    assert "qui mixe des activités : – marchandes : 70 % du chiffre d’affaire" in mixed
    assert mixed.endswith("– ou conduite en réciprocité avec des partenaires (mise à disposition "
                          "de locaux notamment).")  # fmt: skip


def test_points_marquants_are_results_never_levers(parsed, cards):
    assert not [p for card in parsed.cards for p in card.points if p.topic == "Points marquants"]
    assert all(card.results for card in parsed.cards)
    assert cards["III-3"].results.startswith(
        "En poursuivant pour finalité la mutualisation des moyens au service des structures "
        "adhérentes et de l’intérêt collectif, le projet a élargi le champ d’action du Pôle"
    )
    assert "### La force du collectif" in cards["III-3"].results
    assert (
        "La reconnaissance du collectif s’est traduite par la confiance des partenaires "
        "financiers" in cards["III-3"].results
    )
    results = cards["III-5"].results
    assert "L’image d’ULISSE a été confortée par l’évolution des compétences du Groupe" in results
    assert "convention cadre tripartite associant les deux opérateurs (ULISSE et la Régie de " \
        "Quartier) à la Métro" in results  # fmt: skip
    assert "- La participation (la personne est actrice du groupe projet" in cards["III-16"].results
    assert "- la poursuite d’un objectif nécessite" in cards["III-19"].results


def test_iii_19_caue_22_and_its_note(cards):
    """« CAUE 322 »: note 2's call mixed into « CAUE 22 » (a reviewed reading)."""
    card = cards["III-19"]
    assert "partenariat multiple : CAUE 22² (propriétaire du titre)" in card.actions
    assert "CAUE 322" not in card.actions
    assert "- ² Conseil Architecture Urbanisme Environnement" in card.actions


def test_iii_19_caue_source_still_damaged():
    raw = DOCUMENTS_BY_CODE["003"].path.read_text(encoding="utf-8")
    assert "partenariat multiple : CAUE 322 (propriétaire du titre)" in raw


PART_III_TERRITORIES = {
    # fiche: (départements, territory name, scale) as its subtitle or text gives them
    "III-1": (["22"], "Site du Palacret", ""),
    "III-2": (["59"], "Cambrésis", ""),
    "III-3": (["91"], "Sud Essonne", ""),
    "III-4": (["39"], "Agglomération de Dole", "intercommunalite"),
    "III-5": (["38"], "Agglomération grenobloise", "intercommunalite"),
    "III-6": (["27"], "", "departement"),
    "III-7": (["44"], "Pays d’Ancenis", "intercommunalite"),
    "III-8": (["78"], "", "departement"),
    "III-9": (["13"], "", "departement"),
    "III-10": (["79"], "Pays de Gâtine", "intercommunalite"),
    "III-11": (["79"], "Pays Thouarsais", "intercommunalite"),
    "III-12": (["49"], "", "departement"),
    "III-13": (["95"], "Agglomération Argenteuil – Bezons", "intercommunalite"),
    "III-14": (["38"], "Agglomération grenobloise", "intercommunalite"),
    "III-15": (["79"], "Pays de Gâtine", "intercommunalite"),
    "III-16": (["27"], "", "departement"),
    "III-17": (["39"], "Pays de Revermont", "intercommunalite"),
    "III-18": (["13"], "Marseille", ""),
    # Its subtitle names the porteur's régions only; its text, the Pays de Dinan.
    "III-19": (["22"], "Pays de Dinan", "intercommunalite"),
    "III-20": (["38"], "Communauté de communes Les Vallons du Guiers", "intercommunalite"),
}


def test_part_iii_territories(parsed):
    """Each card gets the départements its text gives, never a whole région."""
    found = {
        card.fiche_code: (card.departement_codes, card.territory_name, card.scale)
        for card in parsed.cards
    }
    assert found == PART_III_TERRITORIES
    assert not [card.fiche_code for card in parsed.cards if card.region_as_written]


@pytest.mark.django_db
def test_iii_12_porteur_as_the_manual_writes_it(imported):
    from experiences.models import ExperienceCard

    card = ExperienceCard.objects.get(fiche__code="III-12")
    assert card.porteur.name == "Groupement des acteurs sociaux sur le Maine-et-Loire (GAS 49)"
    assert card.porteur.acronym == "GAS 49"
    # The same federation 001 presents (its spelling, the first): no second record.
    assert sorted(card.partners.values_list("name", flat=True)) == [
        "COORACE Pays de la Loire",
        "Fédération des Centres Sociaux du Maine et Loire",
    ]
