"""French full-text search of cards, on PostgreSQL's french_unaccent configuration."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences import search
from experiences.models import ExperienceCard, SearchWord
from resources.models import Collection
from territories.models import Region
from tests import factories
from tests.html import count_tags
from vita.search import synonym_groups

pytestmark = pytest.mark.django_db


def _found(text):
    return set(search.matching(ExperienceCard.objects.all(), text).values_list("title", flat=True))


@pytest.fixture
def cards():
    return {
        "mobilite": factories.ExperienceCardFactory(
            title="Un garage solidaire", actions="La mobilité des salariés en insertion."
        ),
        "mutualisation": factories.ExperienceCardFactory(
            title="Mutualisation des fonctions supports", actions="Trois structures rurales."
        ),
        "chantier": factories.ExperienceCardFactory(
            title="Un chantier d'insertion en forêt", actions="Le chantier forme au bûcheronnage."
        ),
        "clauses": factories.ExperienceCardFactory(
            title="Clauses sociales", actions="Des clauses sociales dans les marchés publics."
        ),
    }


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("MOBILITE", "mobilite"),
        ("mobilite", "mobilite"),
        ("Mobilité", "mobilite"),
        ("mutualiser", "mutualisation"),
        ("mutualisé", "mutualisation"),
        ("chantiers", "chantier"),
        ("foret", "chantier"),
    ],
)
def test_accents_case_and_inflections_do_not_matter(cards, query, key):
    assert cards[key].title in _found(query)


def test_web_search_syntax(cards):
    assert _found('"clauses sociales"') == {"Clauses sociales"}
    assert _found('"sociales clauses"') == set()
    assert _found("insertion -forêt") == {"Un garage solidaire"}
    assert _found("garage or forêt") == {"Un garage solidaire", "Un chantier d'insertion en forêt"}


def test_a_title_match_ranks_above_a_body_match():
    body = factories.ExperienceCardFactory(title="Une recyclerie", actions="Un garage associatif.")
    title = factories.ExperienceCardFactory(title="Un garage solidaire", actions="Réparer.")

    ranked = list(search.ranked(search.matching(ExperienceCard.objects.all(), "garage"), "garage"))

    assert ranked == [title, body]


def test_the_rank_reads_the_title_and_presentation_not_the_story():
    """The story decides what matches; the order comes from the small rank vector, kept
    in step with the card: a summary that starts to name the word lifts the card."""
    first = factories.ExperienceCardFactory(title="B recyclerie", actions="Un garage, un garage.")
    second = factories.ExperienceCardFactory(title="A ressourcerie", actions="Un garage.")
    cards = search.matching(ExperienceCard.objects.all(), "garage")
    assert 'ts_rank("experiences_experiencecard"."rank_vector"' in str(
        search.ranked(cards, "garage").query
    )
    assert list(search.ranked(cards, "garage")) == [second, first]  # equal ranks: by title

    first.summary = "Un garage solidaire."
    first.save()

    first.refresh_from_db()
    assert "garag" in str(first.rank_vector) and "garag" in str(first.search_vector)
    assert list(search.ranked(cards, "garage")) == [first, second]


def test_the_vector_follows_the_related_records(cards):
    card = cards["chantier"]
    card.porteur.name = "Les Compagnons Bâtisseurs"
    card.porteur.save()
    factories.FreinFactory(card=card, text="Un hiver très rigoureux")
    card.departements.add(factories.DepartementFactory(name="Lozérie"))

    assert card.title in _found("compagnons")
    assert card.title in _found("rigoureux")
    assert card.title in _found("lozérie")
    card.points.all().delete()
    assert card.title not in _found("rigoureux")


def test_editing_the_card_updates_its_vector_at_once(cards):
    card = cards["clauses"]
    card.summary = "Une démarche avec la communauté urbaine."
    card.save()

    assert card.title in _found("urbaine")


def test_the_list_ranks_and_highlights_with_escaped_snippets(client):
    factories.ExperienceCardFactory(
        title="Garage", actions="Un <script>alert(1)</script> garage solidaire à Rennes."
    )

    page = client.get(reverse("experiences:list"), {"q": "solidaire"}).content.decode()

    assert "<mark>solidaire</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_a_card_matching_far_down_its_story_shows_its_summary():
    """Snippets read the first characters of the story only (their cost grows with it)."""
    factories.ExperienceCardFactory(
        title="Longue", summary="Un atelier vélo.", actions="Texte. " * 400 + "Une ressourcerie."
    )

    page = search.with_snippets(ExperienceCard.objects.all(), "ressourcerie")

    assert page.get().raw_snippet.startswith("Un atelier vélo.")


def test_the_search_uses_the_gin_index_on_a_large_table():
    porteur = factories.OrganisationFactory()
    story = "Des structures de l'insertion coopèrent sur leur territoire. " * 8
    ExperienceCard.objects.bulk_create(
        ExperienceCard(title=f"Fiche {n}", slug=f"fiche-{n}", porteur=porteur, actions=story)
        for n in range(8000)
    )
    factories.ExperienceCardFactory(title="Une ressourcerie unique")
    with connection.cursor() as cursor:
        # Rows just inserted sit in the GIN pending list, which the planner costs as a
        # scan; autovacuum would merge it, a test transaction has to do it itself.
        cursor.execute("SELECT gin_clean_pending_list('card_search_vector_gin')")
        cursor.execute("ANALYZE experiences_experiencecard")

    queryset = search.matching(ExperienceCard.objects.all(), "ressourcerie")
    plan = queryset.explain()

    assert "card_search_vector_gin" in plan
    assert [card.title for card in queryset] == ["Une ressourcerie unique"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("AI", "une association intermédiaire du Jura"),
        ("association intermédiaire", "l'AI de Thiers"),
        ("ETTI", "une entreprise de travail temporaire d'insertion"),
        ("PTCE", "un pôle territorial de coopération économique"),
        ("TZCLD", "un territoire zéro chômeur de longue durée"),
        ("DLA mobilité", "le dispositif local d'accompagnement et la mobilité"),
    ],
)
def test_acronyms_and_their_expansions_find_each_other(query, text):
    card = factories.ExperienceCardFactory(title="Une expérience", actions=text)

    assert card.title in _found(query)


def test_a_misspelt_search_shows_the_cards_of_its_correction(client):
    card = factories.ExperienceCardFactory(
        title="Insertion et mobilité", actions="Un garage solidaire."
    )
    region = card.region.code

    response = client.get(reverse("experiences:list"), {"q": "insertoin mobilté", "region": region})

    search_result = response.context["search"]
    assert [found.title for found in search_result.page] == [card.title]
    assert search_result.misspelt == "insertoin mobilté"
    assert search_result.suggestion == "insertion mobilité"
    page = response.content.decode()
    assert "Aucune fiche pour « insertoin mobilté ». Vouliez-vous dire" in page
    assert f'href="?region={region}&amp;q=insertion+mobilit%C3%A9"' in page


def test_a_correction_that_finds_nothing_either_is_only_suggested(client):
    card = factories.ExperienceCardFactory(title="Insertion et mobilité")
    other_region = factories.RegionFactory()
    assert other_region != card.region

    response = client.get(
        reverse("experiences:list"), {"q": "insertoin", "region": other_region.code}
    )

    search_result = response.context["search"]
    assert search_result.total == 0 and not search_result.misspelt
    assert search_result.suggestion == "insertion"
    assert "Vouliez-vous dire" in response.content.decode()


def test_no_suggestion_when_the_search_finds_cards(client):
    factories.ExperienceCardFactory(title="Insertion et mobilité")

    response = client.get(reverse("experiences:list"), {"q": "mobilité"})

    assert response.context["search"].suggestion is None


def test_one_search_over_every_kind_grouped_with_counts(client):
    card = factories.ExperienceCardFactory(title="Une ressourcerie solidaire")
    fiche = factories.FicheFactory(
        resource=factories.ResourceFactory(title="Ouvrir une ressourcerie")
    )
    block_only = factories.FicheFactory()
    factories.FicheBlockFactory(fiche=block_only, body="La ressourcerie collecte les encombrants.")
    factories.ResourceFactory(title="Guide des ressourceries")
    group = factories.WorkingGroupFactory(name="Ressourceries et réemploi")
    organisation = factories.OrganisationFactory(name="Ressourcerie du Pays de Redon")

    response = client.get(reverse("search"), {"q": "ressourceries"})

    groups = {group.kind: group for group in response.context["groups"]}
    assert {kind: found.count for kind, found in groups.items()} == {
        "cards": 1, "fiches": 2, "resources": 2, "groups": 1, "organisations": 1,
    }  # fmt: skip
    page = response.content.decode()
    assert card.get_absolute_url() in page
    assert reverse("resources:fiche", args=[fiche.code]) in page
    assert reverse("workgroups:detail", args=[group.code]) in page
    assert organisation.get_absolute_url() in page
    assert count_tags(response.content, "h1") == 1


def test_every_kind_shows_a_highlighted_escaped_snippet(client):
    hostile = "<script>alert(1)</script>"
    factories.ExperienceCardFactory(title="Carte", actions=f"{hostile} Une ressourcerie.")
    factories.FicheFactory(
        resource=factories.ResourceFactory(description=f"{hostile} Ouvrir une ressourcerie.")
    )
    factories.ResourceFactory(description=f"{hostile} Le guide de la ressourcerie.")
    factories.WorkingGroupFactory(objectives=f"{hostile} Essaimer la ressourcerie.")
    factories.OrganisationFactory(description=f"{hostile} Une ressourcerie à Redon.")

    page = client.get(reverse("search"), {"q": "ressourcerie"}).content.decode()

    # The fiche is shown twice: with the manual's fiches and in the library.
    assert page.count("<mark>ressourcerie</mark>") == 6
    assert page.count("alert(1)&lt;/script&gt;") == 6
    assert hostile not in page


def test_a_misspelt_search_runs_the_search_once(client):
    """The typed words are only counted before the corrected search runs in full."""
    factories.ExperienceCardFactory(title="Insertion et mobilité")

    def queries(url_name, text):
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse(url_name), {"q": text})
        return len(captured.captured_queries)

    for url_name in ("search", "experiences:list"):
        # counting the typed words' cards, checking each word, the closest word
        assert queries(url_name, "insertoin") <= queries(url_name, "insertion") + 4


def test_the_global_search_shows_the_results_of_its_correction(client):
    card = factories.ExperienceCardFactory(title="Insertion et mobilité")

    response = client.get(reverse("search"), {"q": "insertoin"})

    assert response.context["misspelt"] == "insertoin"
    assert response.context["q"] == "insertion"
    page = response.content.decode()
    assert "Aucun résultat pour « insertoin ». Vouliez-vous dire" in page
    assert 'href="?q=insertion"' in page
    assert card.get_absolute_url() in page


def test_drafts_are_not_searched(client):
    factories.ExperienceCardFactory(title="Une ressourcerie en projet", status="draft")

    response = client.get(reverse("search"), {"q": "ressourcerie"})

    assert response.context["total"] == 0


def _synonym_pairs():
    return [(group[0], expansion) for group in synonym_groups() for expansion in group[1:]]


@pytest.mark.parametrize(("acronym", "expansion"), _synonym_pairs())
def test_every_acronym_pair_of_the_synonym_list(acronym, expansion):
    long_form = factories.ExperienceCardFactory(title="Longue", actions=f"Avec une {expansion}.")
    short_form = factories.ExperienceCardFactory(title="Courte", actions=f"Avec une {acronym}.")

    assert long_form.title in _found(acronym)
    assert short_form.title in _found(expansion)


def test_each_kind_links_to_its_own_list_filtered_the_same_way(client):
    factories.ExperienceCardFactory(title="Une ressourcerie solidaire")
    fiche = factories.FicheFactory(
        resource=factories.ResourceFactory(title="Ouvrir une ressourcerie")
    )
    manual, _ = Collection.objects.get_or_create(slug="manuel-dts-v1", defaults={"name": "Manuel"})
    fiche.resource.collection = factories.CollectionFactory(parent=manual)
    fiche.resource.save()
    factories.FicheFactory(resource=factories.ResourceFactory(title="Autre chose"))
    factories.WorkingGroupFactory(name="Ressourceries et réemploi")
    factories.WorkingGroupFactory(name="Commande publique")
    factories.OrganisationFactory(name="Ressourcerie du Pays de Redon")

    page = client.get(reverse("search"), {"q": "ressourcerie"}).content.decode()

    for url_name in ("experiences:list", "resources:manual", "resources:library",
                     "workgroups:list", "organisations:list"):  # fmt: skip
        assert f'href="{reverse(url_name)}?q=ressourcerie"' in page
    manual_page = client.get(reverse("resources:manual"), {"q": "ressourcerie"}).content.decode()
    assert "Ouvrir une ressourcerie" in manual_page and "Autre chose" not in manual_page
    groups_page = client.get(reverse("workgroups:list"), {"q": "ressourcerie"}).content.decode()
    assert "Ressourceries et réemploi" in groups_page and "Commande publique" not in groups_page
    structures = client.get(reverse("organisations:list"), {"q": "ressourcerie"})
    assert [o.name for o in structures.context["page"]] == ["Ressourcerie du Pays de Redon"]
    assert count_tags(structures.content, "h1") == 1


def test_suggestions_follow_every_write_to_the_cards(client):
    card = factories.ExperienceCardFactory(title="Une recyclerie")
    assert search.suggestion("recylcerie") == "recyclerie"

    ExperienceCard.objects.filter(pk=card.pk).update(title="Une menuiserie")  # not save()
    assert search.suggestion("recylcerie") is None
    assert search.suggestion("menusierie") == "menuiserie"

    card.status = "draft"
    card.save()
    assert search.suggestion("menusierie") is None
    card.delete()
    assert not SearchWord.objects.filter(cards__gt=0).exists()


def _letters(number: int) -> str:
    return "".join(chr(ord("a") + number // 26**i % 26) for i in range(3))


def test_suggestions_use_the_trigram_index_of_the_words():
    porteur = factories.OrganisationFactory()
    region = Region.objects.get(code="53")
    ExperienceCard.objects.bulk_create(
        ExperienceCard(
            title=f"Fiche {n}", slug=f"fiche-{n}", porteur=porteur, region=region,
            status="published",
            actions=" ".join(f"mot{_letters(n)}{letter}" for letter in "abc"),
        )
        for n in range(3000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('search_word_plain_trgm')")
        cursor.execute("ANALYZE experiences_searchword")

    plan = SearchWord.objects.filter(plain__trigram_similar="insertoin").explain()

    assert SearchWord.objects.count() == 3 * 3000 + 1  # « fiche » once, for 3,000 cards
    assert SearchWord.objects.get(word="fiche").cards == 3000
    assert "search_word_plain_trgm" in plan


def test_a_word_is_suggested_while_a_published_card_holds_it():
    first = factories.ExperienceCardFactory(title="Une recyclerie")
    factories.ExperienceCardFactory(title="La recyclerie", status="draft")
    second = factories.ExperienceCardFactory(title="Autre recyclerie")

    first.delete()
    assert search.suggestion("recylcerie") == "recyclerie"
    second.status = "archived"
    second.save()
    assert search.suggestion("recylcerie") is None  # the draft's words are not suggested


@pytest.mark.parametrize(
    ("url_name", "message"),
    [
        ("resources:manual", "Aucune fiche ne correspond à « zzkq »."),
        ("workgroups:list", "Aucun groupe ne correspond à « zzkq »."),
        ("organisations:list", "Aucune structure ne correspond à « zzkq »."),
    ],
)
def test_a_filtered_list_that_finds_nothing_says_so(client, url_name, message):
    factories.WorkingGroupFactory(name="Commande publique")
    factories.OrganisationFactory(name="Ressourcerie du Pays de Redon")

    page = client.get(reverse(url_name), {"q": "zzkq"}).content.decode()

    assert message in page
    assert 'href="?">Tout afficher</a>' in page


def test_the_site_search_does_not_query_once_per_result(client):
    """Each kind of result is fetched with what its result card shows (a reference's
    authors and publisher, a card's ateliers and document), not row by row."""

    def add(number):
        for _ in range(number):
            publisher = factories.OrganisationFactory()
            resource = factories.ResourceFactory(
                title="Guide de la mobilité solidaire", publisher=publisher
            )
            resource.author_organisations.add(factories.OrganisationFactory())
            card = factories.ExperienceCardFactory(title="Un garage pour la mobilité")
            factories.CardListingFactory(card=card)

    add(1)
    client.get(reverse("search"), {"q": "mobilité"})  # the per-process caches filled
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("search"), {"q": "mobilité"})
    add(4)
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("search"), {"q": "mobilité"}).content.decode()

    assert page.count("Guide de la mobilité solidaire") == 5
    assert len(five) <= len(one)
