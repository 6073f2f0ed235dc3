"""A person's account (`organisations.services.open_account`): opened by an animator for
a person of the network, linked to them, in group « Membre », invited by e-mail."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from organisations.services import find_or_create_person, open_account
from tests import factories
from vita.roles import ANIMATEUR, MEMBRE

pytestmark = pytest.mark.django_db


@pytest.fixture
def animator_request():
    request = RequestFactory().get("/")
    request.user = factories.UserFactory(username="animatrice", groups=[ANIMATEUR])
    return request


def test_an_account_is_opened_for_a_person_and_invites_them(
    animator_request, django_capture_on_commit_callbacks
):
    person = factories.PersonFactory(first_name="Lina", last_name="Rossi", email="")
    with django_capture_on_commit_callbacks(execute=True):
        user = open_account(person, animator_request, email="lina.rossi@example.org")
    person.refresh_from_db()
    assert person.account == user
    assert person.email == "lina.rossi@example.org"
    assert (user.first_name, user.last_name, user.email) == ("Lina", "Rossi", person.email)
    assert list(user.groups.values_list("name", flat=True)) == [MEMBRE]
    assert not user.is_staff and not user.is_superuser
    assert [message.to for message in mail.outbox] == [["lina.rossi@example.org"]]
    # Opened once.
    assert open_account(person, animator_request) == user


def test_an_account_is_not_opened_twice_for_one_e_mail(animator_request):
    factories.UserFactory(username="deja", email="lina.rossi@example.org")
    person = factories.PersonFactory(email="lina.rossi@example.org")
    with pytest.raises(ValidationError, match="existe déjà avec cette adresse"):
        open_account(person, animator_request)
    person.refresh_from_db()
    assert person.account is None


def test_a_person_is_found_by_e_mail_or_by_name_in_the_structure_or_else_created():
    known = factories.PersonFactory(first_name="Lina", last_name="Rossi", email="l@example.org")
    assert find_or_create_person("X", "Y", None, email="L@example.org ") == known
    assert find_or_create_person("lina", "ROSSI", known.organisation) == known
    other = find_or_create_person("Lina", "Rossi", factories.OrganisationFactory())
    assert other != known and other.slug.startswith("lina-rossi")


def test_a_namesake_who_can_be_reached_is_never_claimed_by_another_address():
    """Asking for an account under somebody's name gives a new person, not theirs (their
    groups, their data), unless the record has no address, account nor group yet."""
    reachable = factories.PersonFactory(first_name="Léa", last_name="Martin", email="lea@regie.fr")
    structure = reachable.organisation
    claimed = find_or_create_person("Léa", "Martin", structure, email="autre@example.org")
    assert claimed != reachable and claimed.email == "autre@example.org"

    member = factories.PersonFactory(first_name="Inès", last_name="Morel", email="",
                                     organisation=structure)  # fmt: skip
    factories.GroupMembershipFactory(person=member)
    assert find_or_create_person("Inès", "Morel", structure, email="x@example.org") != member

    documents_only = factories.PersonFactory(first_name="Paul", last_name="Roy", email="",
                                             organisation=structure)  # fmt: skip
    assert find_or_create_person("Paul", "Roy", structure, email="p@example.org") == documents_only
