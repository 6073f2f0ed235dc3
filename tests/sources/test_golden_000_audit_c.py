"""Golden fields of 000 fixed after the independent audit c (cards of groups G4 and G5, the
G4 working group, the cards' regions, categories and porteur types, contact functions).

Each field holds the text the document prints (page of the portal's reader where known).
"""

from sources.documents import DOCUMENTS_BY_CODE

DOCUMENT = DOCUMENTS_BY_CODE["000"]


def card(parsed_000, code):
    return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")


def test_a_2008_card_keeps_the_region_of_its_time(parsed_000):
    """The recueil predates the 2016 reform: a card without a région in its title keeps the
    pre-2016 région of its département (Rhône-Alpes, not Auvergne-Rhône-Alpes)."""
    expected = {
        "G1-2": "Rhône-Alpes",  # Drôme
        "G2-6": "Haute-Normandie",  # Eure
        "G3-4": "Franche-Comté",  # Jura
        "G3-7": "Pays de la Loire",
        "G5-2": "Bretagne",  # Côtes-d'Armor
        "G5-5": "Haute-Normandie",  # Seine-Maritime
        "G2-10": "Pays de la Loire",  # written in the title
    }
    assert {code: card(parsed_000, code).region_as_written for code in expected} == expected
    assert all(c.region_as_written for c in parsed_000.cards)


def test_category_and_porteur_types_say_what_the_porteur_is(parsed_000):
    """An inter-réseau names its members (« COORACE, FNARS, Régie de Quartier… ») but is
    none of them; a départemental platform (Anjou Domicile) or a social-link association
    (the AMSIC) is no SIAE; AIDE and AGATE Paysages get the kind the document gives them."""
    organisations = {o.name: o for o in parsed_000.organisations}

    def read(code):
        c = card(parsed_000, code)
        return c.category, organisations[c.porteur].structure_types

    assert read("G2-10") == ("reseau", ["reseau"])
    assert read("G2-5") == ("reseau", ["reseau"])
    # « L'association Anjou Domicile a pour objet … »: an association, no SIAE
    assert read("G3-7") == ("partenaire", ["association"])
    assert read("G4-2") == ("partenaire", ["association"])  # « (AMSIC) gère un équipement »
    assert read("G2-3") == ("siae", ["ai"])
    assert read("G5-3") == ("siae", ["aci"])
    assert read("G5-2") == ("siae", ["aci"])


def test_a_group_s_members_do_not_give_the_porteur_their_kinds(parsed_000):
    """« E3i est une ETTI intégrée à l'ensemblier Ulisse qui regroupe par ailleurs deux ACI,
    une AI… »: E3i is an ETTI; a group of several kinds is an ensemblier (as 001 types
    Ulisse), not each of its members."""
    types = {o.name: o.structure_types for o in parsed_000.organisations}
    assert types["E3i"] == ["etti"]
    assert types["Ulisse"] == ["ges_ensemblier"]
    assert types["Groupe ISACTYS"] == ["ges_ensemblier"]
    assert types["Association d’intérêts collectifs - Pôle Economie Solidaire"] == [
        "ges_ensemblier"
    ]
    # A network still names its members' kinds without being one of them.
    assert types["COORACE Pays de la Loire"] == ["reseau"]


def test_g4_working_group_reads_as_the_document(parsed_000):
    group = next(g for g in parsed_000.groups if g.code == "G4")
    assert "(L'AMSIC et les Bâtisseuses) ont initié" in group.origin
    assert (group.contacts[0].person.first_name, group.contacts[0].person.last_name) == (
        "Françoise",
        "Le Verge",
    )
    conclusions = group.conclusions
    for expected in (
        "L'AMSIC (Rennes) et Les Bâtisseuses (Rennes).",
        "mission d'Extra Muros ;",
        "### Au final, deux structures ont expérimenté la démarche",
        "Seules ESSOR et l'AMSIC ont souhaité poursuivre",
        "L'AMSIC finalise un projet",
        "Pour l'AMSIC, l'accompagnement",
        "aurait dû être plus pragmatique",
        "aurait dû être davantage communiqué :",
        "s'est d’abord proposé deux axes",
        "avec la “ mission observatoire ” de CEDRE",
    ):
        assert expected in conclusions, expected
    for damaged in ("IAMSIC", "TAMSIC", "LAMSIC", "d0", " di ", "Bétisseuses", "Francoise"):
        assert damaged not in group.origin + conclusions, damaged


def test_a_sentence_introducing_the_tools_is_no_tool_nor_said_before_each(parsed_000):
    cards = {card.source_key: card for card in parsed_000.cards}
    tools = [tool.text for tool in cards["experience-G2-6"].tools]
    assert tools[:2] == ["Programme de la journée", "Liste et coordonnées des intervenants"]
    assert not any("suivants" in tool for tool in tools)
    assert cards["experience-G4-2"].tools[0].text.startswith("Description de l'expérimentation")
