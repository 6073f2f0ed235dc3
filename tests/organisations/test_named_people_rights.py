"""Anyone named on the site asks to be withdrawn from the public pages or anonymised; the
animators do it from the request in the admin, which keeps who did what and when."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisations.models import DataRequestStatus, PersonalDataRequest
from tests import factories
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db
URL = reverse("personal_data_request")


@pytest.fixture
def named():
    """A person named on a card, in a group and as a resource's author, contact public."""
    person = factories.PersonFactory(
        first_name="Camille", last_name="Berthier", role="Directrice", phone="01 02 03 04 05",
        contact_is_public=True,
    )  # fmt: skip
    card = factories.ExperienceCardFactory()
    factories.CardContactFactory(card=card, person=person, role_as_written="Directrice")
    group = factories.WorkingGroupFactory()
    factories.WorkingGroupContactFactory(working_group=group, person=person)
    resource = factories.ResourceFactory()
    resource.author_people.add(person)
    return person, [card.get_absolute_url(), group.get_absolute_url(), resource.get_absolute_url()]


def test_the_request_form_stores_and_tells_the_animators(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ANIMATOR_EMAILS = ["equipe@coorace.example.org"]
    assert f'href="{URL}"' in client.get("/donnees-personnelles/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(URL, {"name_as_shown": "Camille Berthier", "pages": "https://x/p/",
                                 "email": "c@example.org", "kind": "anonymisation",
                                 "message": "", "website": ""})  # fmt: skip
    assert sent.status_code == 302
    request = PersonalDataRequest.objects.get()
    assert (request.kind, request.status) == ("anonymisation", DataRequestStatus.PENDING)
    assert mail.outbox[0].to == ["equipe@coorace.example.org"]

    refused = client.post(URL, {"name_as_shown": "", "pages": "", "email": "x", "kind": "tout"})
    page = refused.content.decode()
    assert "Donnez le nom tel qu&#x27;il apparaît sur le site." in page
    assert "Choisissez le retrait ou l&#x27;anonymisation." in page
    assert PersonalDataRequest.objects.count() == 1


def test_removal_of_a_named_person_from_public_pages(
    animator_client, named, django_capture_on_commit_callbacks
):
    person, pages = named
    client = Client()  # a visitor's, beside the animator's
    for url in pages:
        assert "Berthier" in client.get(url).content.decode(), url
    request = factories.PersonalDataRequestFactory(name_as_shown="Camille Berthier")
    change = reverse("admin:organisations_personaldatarequest_change", args=[request.pk])

    # Without the person chosen, nothing is done.
    animator_client.post(change, {"person": "", "note": "", "_withdraw": "1"})
    request.refresh_from_db()
    assert request.status == DataRequestStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(change, {"person": person.pk, "note": "", "_withdraw": "1"})

    request.refresh_from_db()
    person.refresh_from_db()
    assert person.withdrawn_at is not None
    assert (request.status, request.done, request.handled_by) == (
        DataRequestStatus.DONE, "retrait", animator_client.user,
    )  # fmt: skip
    assert request.handled_at is not None
    assert mail.outbox[-1].to == [request.email]
    for url in pages:
        assert "Berthier" not in client.get(url).content.decode(), url
    # Nor in the members' look-up of people.
    member = factories.UserFactory(groups=[MEMBRE])
    client.force_login(member)
    found = client.get(reverse("name_lookup"), {"type": "personne", "q": "Berthier"}).json()
    assert found["resultats"] == []


def test_an_anonymised_person_shows_initials_only(animator_client, named):
    person, (card_url, group_url, _) = named
    client = Client()
    animator_client.post(
        reverse("admin:organisations_person_changelist"),
        {"action": "anonymise_people", "_selected_action": [person.pk]},
    )
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.role, person.email, person.phone) == (
        "C.", "B.", "", "", "",
    )  # fmt: skip
    assert person.anonymised_at is not None and "berthier" not in person.slug
    card = client.get(card_url).content.decode()
    assert "C. B." in card and "Berthier" not in card and "Directrice" not in card
    assert "Berthier" not in client.get(group_url).content.decode()
