"""The API's privacy walk: every endpoint, as an anonymous client follows its own links
(each list, all its pages, each detail it names), over the real import plus seeded
records that must never show: a draft card, reserved and group resources, a reserved
event, people whose contact is not public (a card's contact, an author, a speaker),
e-mail addresses and phone numbers. A serializer that leaks one fails here."""

import json
import re
from collections import deque

import pytest
from django.urls import reverse

from events.models import Event
from experiences.models import ExperienceCard
from organisations.models import Person
from resources.models import AccessLevel, Resource
from tests import factories
from vita.models import PublicationStatus
from workgroups.models import Audience

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d-])(?:\+33 ?|0)[1-9](?:[ .-]?\d\d){4}(?!\d)")
API = "http://testserver/api/v1/"
NOT_WALKED = ("schema/", "docs/")


@pytest.fixture
def seeded(imported):
    group = factories.WorkingGroupFactory(code="Z9", name="Groupe de la promenade")
    private = factories.PersonFactory(
        first_name="Hortense", last_name="Confidentielle", phone="01 23 45 67 89"
    )
    author = factories.PersonFactory(first_name="Anatole", last_name="Discret")
    speaker = factories.PersonFactory(first_name="Sidonie", last_name="Réservée")
    porteur = factories.OrganisationFactory(
        name="Structure de la promenade",
        email="accueil@structure-promenade.example.org",
        phone="02 99 00 00 00",
    )
    card = factories.ExperienceCardFactory(
        title="Une fiche publiée de la promenade", porteur=porteur
    )
    factories.CardListingFactory(card=card, working_group=group)
    factories.CardContactFactory(card=card, person=private, email_as_written="h@ex.example.org")
    draft = factories.ExperienceCardFactory(
        title="Brouillon secret de la promenade", status=PublicationStatus.DRAFT, porteur=porteur
    )
    factories.CardListingFactory(card=draft, working_group=group)
    reserved = {
        level: factories.ResourceFactory(title=f"Ressource réservée {level}", access_level=level)
        for level in (AccessLevel.MEMBERS, AccessLevel.RESTRICTED, AccessLevel.GROUP)
    }
    reserved["draft"] = factories.ResourceFactory(
        title="Ressource brouillon de la promenade", status=PublicationStatus.DRAFT
    )
    public = factories.ResourceFactory(title="Guide public de la promenade")
    public.author_people.add(author)
    for resource in [*reserved.values(), public]:
        resource.working_groups.add(group)
        factories.CardToolFactory(card=card, text=resource.title, resource=resource)
        factories.CardLinkFactory(card=card, kind="a_consulter", target_resource=resource)
    factories.CardLinkFactory(card=card, kind="autre_projet", target_card=draft)
    event = factories.EventFactory(title="Rencontre publique de la promenade")
    part = factories.EventPartFactory(event=event)
    factories.EventSpeakerFactory(part=part, person=speaker, organisation=porteur)
    part.cards.add(card, draft)
    part.resources.add(*reserved.values(), public)
    hidden_events = [
        factories.EventFactory(title="Rencontre du réseau", audience=Audience.NETWORK),
        factories.EventFactory(title="Rencontre en brouillon", status=PublicationStatus.DRAFT),
    ]
    return {
        "card": card,
        "draft": draft,
        "reserved": list(reserved.values()),
        "public": public,
        "event": event,
        "hidden_events": hidden_events,
        "people": [private, author, speaker],
        "porteur": porteur,
        "group": group,
    }


def forbidden_words():
    """What must never be written: drafts, reserved resources and events. (People whose
    contact is not public: `private_names`.)"""
    words = set(
        ExperienceCard.objects.exclude(status=PublicationStatus.PUBLISHED).values_list(
            "slug", flat=True
        )
    )
    hidden_resources = Resource.objects.exclude(
        status=PublicationStatus.PUBLISHED, access_level=AccessLevel.PUBLIC
    )
    words |= set(hidden_resources.values_list("slug", flat=True))
    # (Their titles may show: a card's tool names the document it cites, as its page does.)
    hidden_events = Event.objects.exclude(
        status=PublicationStatus.PUBLISHED, audience=Audience.PUBLIC
    )
    words |= set(hidden_events.values_list("slug", flat=True))
    return words


def private_names():
    return {p.full_name for p in Person.objects.filter(contact_is_public=False) if p.first_name}


def named(value) -> set[str]:
    """Every `name` the answer gives (a person's, a structure's…): the free texts of the
    documents name people as the pages do, the API's own fields never one not public."""
    if isinstance(value, dict):
        found = {value["name"]} if isinstance(value.get("name"), str) else set()
        return found.union(*(named(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(named(v) for v in value))
    return set()


def leaks(text: str, words: set[str]) -> list[str]:
    found = EMAIL.findall(text) + PHONE.findall(text)
    # Whole words only: « brouillon » is not in « brouillon-2 ».
    found += [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    return found


def walk(client):
    """Every API address reachable from /api/v1/, by the links of the answers."""
    seen, queue, bodies = set(), deque([API]), {}
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = response.content.decode()
        bodies[url] = text
        for link in re.findall(r'"(http://testserver/api/v1/[^"]*)"', text):
            if not link.removeprefix(API).startswith(NOT_WALKED) and link not in seen:
                queue.append(link)
    return bodies


def test_the_leak_finder_finds_each_kind():
    words = {"Hortense Confidentielle", "brouillon-secret"}
    assert leaks('{"a": "écrire à x.y@structure.example.org"}', set())
    assert leaks('{"a": "tél. 01 23 45 67 89"}', set())
    assert leaks('{"a": "+33 6 12 34 56 78"}', set())
    assert leaks('{"name": "Hortense Confidentielle"}', words)
    assert leaks('{"slug": "brouillon-secret"}', words)
    assert not leaks('{"start_year": 2008, "code": "I-C-2-b", "slug": "brouillon-secret-2"}', words)


def test_no_endpoint_shows_a_draft_a_reserved_record_or_a_personal_detail(client, seeded):
    # The seeded people exist only as records: their names may show nowhere.
    words = forbidden_words() | {person.full_name for person in seeded["people"]}
    assert {seeded["draft"].slug, "Hortense Confidentielle", "Anatole Discret"} <= words
    private = private_names()

    bodies = walk(client)

    found = {url: leaks(text, words) for url, text in bodies.items()}
    assert {url: what for url, what in found.items() if what} == {}
    names = {url: named(json.loads(text)) & private for url, text in bodies.items()}
    assert {url: what for url, what in names.items() if what} == {}
    # The walk reached what the seeds hang on: it would have seen them leak.
    for name, kwargs in [
        ("api:experience", {"slug": seeded["card"].slug}),
        ("api:organisation", {"slug": seeded["porteur"].slug}),
        ("api:group", {"code": "Z9"}),
        ("api:event", {"slug": seeded["event"].slug}),
        ("api:resource", {"slug": seeded["public"].slug}),
    ]:
        assert f"http://testserver{reverse(name, kwargs=kwargs)}" in bodies
    # Each kind of list and detail was walked, every page of the lists.
    assert len(bodies) > 500
    card = json.loads(
        bodies[f"http://testserver{reverse('api:experience', args=[seeded['card'].slug])}"]
    )
    assert [tool["resource"] for tool in card["tools"] if tool["resource"]] == [
        {"slug": seeded["public"].slug, "title": seeded["public"].title,
         "url": f"http://testserver/api/v1/ressources/{seeded['public'].slug}/"}
    ]  # fmt: skip


def test_reserved_records_answer_404(client, seeded):
    for resource in seeded["reserved"]:
        assert client.get(reverse("api:resource", args=[resource.slug])).status_code == 404
    assert client.get(reverse("api:experience", args=[seeded["draft"].slug])).status_code == 404
    for event in seeded["hidden_events"]:
        assert client.get(reverse("api:event", args=[event.slug])).status_code == 404


def test_a_members_session_sees_no_more(client, seeded):
    """The API is anonymous: an animator's session opens nothing."""
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    resource = seeded["reserved"][0]
    assert client.get(reverse("api:resource", args=[resource.slug])).status_code == 404
    listed = client.get(reverse("api:resources"), {"q": "réservée"}).json()
    assert [r["slug"] for r in listed["results"]] == []
