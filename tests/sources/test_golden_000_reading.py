"""000's cards read as printed: a subheading kept where its field's name does not say it,
two printed paragraphs the scan ran together parted again, an item's capital, and the
« À consulter également » issue and interview apart."""

import re


def card(parsed_000, code):
    return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")


def test_g2_9s_recommendations_keep_their_heading(parsed_000):
    # « LEVIERS MOBILISÉS ET RECOMMANDATIONS » › « Recommandations »: filed in the
    # perspectives, under their own heading.
    perspectives = card(parsed_000, "G2-9").perspectives
    assert perspectives.startswith(
        "### Recommandations\n\nLes critères d'appréciation des offres de service déposées"
    )
    assert perspectives.count("### ") == 1


def test_no_other_card_gets_a_heading_in_its_perspectives_from_its_points(parsed_000):
    for each in parsed_000.cards:
        if each.source_key != "experience-G2-9":
            assert "### Recommandations" not in each.perspectives, each.source_key


def test_g4_2s_search_for_funding_is_no_part_of_the_last_action(parsed_000):
    actions = card(parsed_000, "G4-2").actions
    assert (
        "- Travailler sur un temps fort qui témoigne du travail et restitue les premiers "
        "résultats (théâtre forum).\n\nL'AMSIC recherche actuellement des financements"
    ) in actions
    assert "(théâtre forum). L'AMSIC" not in actions


def test_g3_3s_two_findings_start_their_sentences(parsed_000):
    context = card(parsed_000, "G3-3").context
    assert "\n- La spécificité d'un territoire" in context
    assert "\n- L'insuffisance des infrastructures de transports en commun" in context


def test_a_list_whose_items_are_sentences_keeps_their_capitals(parsed_000):
    # Within one list, every item starts with a capital or none does (a figure aside).
    for each in parsed_000.cards:
        for text in (each.context, each.actions, each.results, each.perspectives):
            for block in text.split("\n\n"):
                firsts = {
                    item[2].isupper()
                    for item in re.findall(r"(?m)^- \S", block)
                    if not item[2].isdigit()
                }
                if each.source_key != "experience-G5-1":  # « le Groupement … » › « Manger Bio »
                    assert len(firsts) <= 1, (each.source_key, block[:80])


def test_the_issue_and_the_interview_are_not_run_together(parsed_000):
    labels = [
        (each.source_key, link.label, link.target_resource_key)
        for each in parsed_000.cards
        for link in each.links
        if link.kind == "a_consulter"
    ]
    assert len(labels) == 10
    for key, label, target in labels:
        # The page shows the issue (« Lettre VITA n°6 », the link's target), then its month
        # and the interview as two sentences.
        assert target.startswith("lettre-vita-n"), key
        assert not label.startswith("Lettre VITA"), key
        assert re.match(r"[a-zéû]+ 20\d\d\. Entretien avec [A-ZÉ]", label), (key, label)
    g2_6 = next(label for key, label, _ in labels if key == "experience-G2-6")
    assert g2_6.startswith("décembre 2007. Entretien avec Véronique LE DANTEC, Directrice")


def test_g2_4s_strong_points_introduce_their_two_paragraphs(parsed_000):
    actions = card(parsed_000, "G2-4").actions
    assert "\n\nPoints forts de l'expérience :\n\nPour les salariés : des missions" in actions
    assert "\n\nPour E3i : reconnaissance durable" in actions


def test_g2_4s_training_contract_is_a_paragraph_of_its_own(parsed_000):
    actions = card(parsed_000, "G2-4").actions
    assert "d’emploi intéressés.\n\nSpécificités du contrat de formation :" in actions


def test_g2_10s_pronoun_is_not_read_as_a_capital(parsed_000):
    # « … a cristallisé autour de Lui » in the scan (p. 67): a pronoun mid-sentence.
    texts = [point.text for point in card(parsed_000, "G2-10").points]
    assert any("a cristallisé autour de lui aussi bien" in text for text in texts), texts
    assert not any(re.search(r"\bLui\b", text) for text in texts)


def test_the_l_the_scan_lost_before_ai_and_a_silent_h_is_restored(parsed_000):
    # « permet a Al d'être identifiée » (G4-1), « une collaboration avec Al » (G5-1),
    # « la gestion de hébergement » (G5-2): the elided « l' » lost with its apostrophe.
    assert "permet à l'AI d'être identifiée" in card(parsed_000, "G4-1").actions
    assert "une collaboration avec l'AI autour" in card(parsed_000, "G5-1").perspectives
    assert "la gestion de l'hébergement et des repas" in card(parsed_000, "G5-2").actions
    for each in parsed_000.cards:
        for field in ("context", "actions", "results", "perspectives"):
            text = getattr(each, field)
            assert not re.search(r"\b(?:à|avec) AI\b|\bde h(?:éberg|abit)", text), each.source_key


def test_a_milieu_is_the_one_the_card_states(parsed_000):
    milieux = {c.source_key.removeprefix("experience-"): c.milieux for c in parsed_000.cards}
    stated = {code: found for code, found in milieux.items() if found}
    assert stated == {
        "G2-1": ["urbain", "rural"],  # « une zone urbaine autour de Maubeuge et une zone rurale »
        "G2-3": ["rural"],
        "G3-1": ["rural"],  # « AIR se situe en zone rurale »
        "G3-3": ["periurbain", "rural"],  # « un territoire “rurbain” »
        "G5-2": ["rural"],
        "G5-3": ["rural"],
    }


def test_axes_de_progres_are_perspectives_not_freins(parsed_000):
    # G3-5's « Ingénierie pédagogique » under « Point de vigilance et axes de progrès »
    # (p. 92) and G3-7's « Un axe de progrès » (p. 101): what to do better, no obstacle.
    g3_5, g3_7 = card(parsed_000, "G3-5"), card(parsed_000, "G3-7")
    assert "#### Ingénierie pédagogique\n\n- Affiner les pré-requis d’entrée dans " in (
        g3_5.perspectives
    )
    assert g3_5.perspectives.count("\n- ") == 7
    assert not [p for p in g3_5.points if p.kind == "frein"]
    assert g3_7.perspectives == (
        "### Un axe de progrès\n\nIl convient de s'assurer en permanence que la démarche est "
        "toujours partagée par les membres. Le projet associatif est une base de référence "
        "primordiale."
    )
    assert not [p for p in g3_7.points if p.text.startswith("Il convient")]
