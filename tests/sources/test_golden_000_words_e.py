"""Golden words of 000 the second independent audit (e1, e2) found damaged: quotation marks
the scan broke, accents, glued or cut words, the case of an item's elided « L' ».

The document prints its quotations “ … ”: a closing mark the scan read as a straight « " »
or turned is read as one, an orphan mark whose opening was lost gets it back where the
scan left its trace (two spaces) or the page shows it, an orphan with none goes.
"""

from sources.spelling import texts_of

from .test_golden_000_words import assert_says, record


def test_quotation_marks_are_pairs(parsed_000):
    assert_says(parsed_000, "G2-4", "à l'ouverture des “Grands Chantiers” (Tramway")
    assert_says(parsed_000, "G2-4", "- Rencontre avec le “ Dispositif ” ; travail")
    assert_says(parsed_000, "G2-4", "l'équipe “ emploi ” de la Mission Locale")
    assert_says(parsed_000, "G2-4", "l'équipe “ bâtiment ” du GRETA")
    assert_says(parsed_000, "G2-4", "entre le “ Dispositif ” et E3i")
    assert_says(parsed_000, "G2-7", "Le principe de la “ commande publique responsable ” défendu")
    assert_says(parsed_000, "G2-8", "- pour “objet” : l'insertion,")
    assert_says(parsed_000, "G2-8", "- et comme “ support technique ” : la suppléance")
    assert_says(parsed_000, "G5-5", "(“ salariés ”, “ usagers / clients ” et “ personnes")
    assert_says(parsed_000, "G5-5", "collège “ espaces verts ” (30%)")
    assert_says(parsed_000, "G2-8", "le système de “ vivier de recrutement ” en interne")


def test_an_orphan_quotation_mark_gets_its_pair_or_goes(parsed_000):
    # the opening mark lost where the scan left two spaces
    assert_says(parsed_000, "G2-7", "chargés de mission “ clause d'insertion ” sont prévues")
    assert_says(parsed_000, "G4-2", "VITA “ Egalité des chances femmes / hommes ” lui permet de")
    # the closing mark lost before a spaced parenthesis or the sentence's full stop
    assert_says(parsed_000, "G5-1", "à destination de particuliers (“Paniers Bio”). Il")
    assert_says(parsed_000, "G2-8", "avec le collège “ utilisateur ”.")
    assert_says(parsed_000, "G5-5", "dans le cadre du programme “Entreprendre Autrement”.")
    # reviewed with their pages
    assert_says(parsed_000, "G2-4", "une “ tête de réseau ” est désignée.")
    assert_says(parsed_000, "G3-7", "“Services à domicile, métiers de femmes”.")
    assert_says(parsed_000, "G3", "(formation “Assistant(e) de vie aux familles” et formation")
    # a mark before an address is none
    text = "\n".join(texts_of(record(parsed_000, "G5-2")))
    assert "http://www.panier-equal.eu/" in text
    assert "“http" not in text and '"http' not in text


def test_no_straight_or_unpaired_quotation_mark_is_left(parsed_000):
    texts = [text for record in parsed_000.cards + parsed_000.groups for text in texts_of(record)]
    texts += [organisation.description for organisation in parsed_000.organisations]
    for text in texts:
        assert '"' not in text, text
        for paragraph in text.split("\n"):
            assert paragraph.count("“") == paragraph.count("”"), paragraph


def test_words_the_second_audit_found(parsed_000):
    assert_says(parsed_000, "G1-3", "dans les années 1989-90 puis Loi")
    assert_says(parsed_000, "G2-1", "de certains candidats (dû à la faiblesse")
    assert_says(parsed_000, "G3-1", "En cours de l'expérimentation (2006 - début 2008) :")
    assert_says(parsed_000, "G3-1", "sur ces besoins auxquels ils ne sont pas")
    assert_says(parsed_000, "G2-4", "L'entreprise ne peut de fait pas absorber")
    organisation = next(o for o in parsed_000.organisations if "Rhuys Emplois est" in o.description)
    assert "sous la marque Proxim’Services en 2002" in organisation.description


def test_an_item_s_elided_l_read_as_a_bracket_takes_the_list_s_case(parsed_000):
    assert_says(parsed_000, "G1-3", "- L'accueil, l'information et l'orientation", "- L'accès à")
    assert_says(parsed_000, "G4-2", "- L'atelier Informatique permet")
    assert_says(parsed_000, "G5-4", "- la formalisation du partenariat avec la Régie")


def test_a_contact_s_first_name_keeps_its_cedilla(parsed_000):
    contacts = record(parsed_000, "G4-2").contacts
    assert [c.person.first_name for c in contacts][1] == "Anne Françoise"
