"""The writes of the personal-data rights, which reach across the apps: a member deletes
their account (« Mon espace »), an animator anonymises a person named in the documents or
answers a request to be withdrawn or anonymised."""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from events import services as events
from experiences.models import CardContact
from organisations.models import (
    AccountRequest,
    DataRequestKind,
    DataRequestStatus,
    Person,
    PersonalDataRequest,
    PersonMention,
)
from organisations.services import withdraw_person
from portal.models import AccountDeletion
from sources.models import ImportedRecord
from support.services import forget_account
from vita.notifications import send_email
from vita.slugs import free_slug
from vita.subscriptions import services as subscriptions
from workgroups.models import GroupMembership, WorkingGroupContact


def named_by_the_documents(person: Person) -> bool:
    """Whether the documents or the editors name the person: a document's mention or
    import, a card's contact, a group's facilitator or speaker, a resource's author, a
    support request's expert."""
    imported = ImportedRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=person.pk
    )
    return (
        imported.exists()
        or person.mentions.exists()
        or CardContact.objects.filter(person=person).exists()
        or WorkingGroupContact.objects.filter(person=person).exists()
        or person.authored_resources.exists()
        # An animator named them an expert of a support request (its figures name them).
        or person.support_requests_as_expert.exists()
        or person.expertise_days.exists()
    )


@transaction.atomic
def delete_account(user) -> AccountDeletion:
    """Delete a member's account and what it alone brought: its person if the account
    made them (named nowhere else; their group memberships go with them), else the link
    and the e-mail the account added; its account requests; the subscriptions of its
    address (they would otherwise keep the address the member asked to erase: the page
    says so, and one may subscribe again without an account); the registrations to events
    of the account and its address, for the same reason (a place held goes to the waiting
    list). Its support requests stay,
    the network's record of the support given, without who asked (`forget_account`). A
    trace without personal data is kept."""
    person = Person.objects.select_for_update().filter(account=user).first()
    forget_account(user)
    requests = AccountRequest.objects.filter(account=user)
    if person is not None:
        requests = requests | AccountRequest.objects.filter(person=person)
    request_ids = list(requests.values_list("pk", flat=True).distinct())
    deleted_requests = len(request_ids)
    AccountRequest.objects.filter(pk__in=request_ids).delete()
    # Their history too: it holds every field (name, address, message).
    AccountRequest.history.filter(id__in=request_ids).delete()
    person_deleted, memberships = False, 0
    if person is not None:
        if named_by_the_documents(person):
            person.account = None
            if person.email.lower() == user.email.lower() and not _documents_give_email(person):
                person.email = ""
            person.save(update_fields=["account", "email", "updated_at"])
        else:
            membership_ids = list(person.group_memberships.values_list("pk", flat=True))
            memberships = len(membership_ids)
            person.delete()  # its memberships with it (on_delete=CASCADE)
            GroupMembership.history.filter(id__in=membership_ids).delete()
            person_deleted = True
    deleted_subscriptions, _ = subscriptions.of_account(user).delete()
    events.forget_account(user)
    user.delete()
    return AccountDeletion.objects.create(
        subscriptions_deleted=deleted_subscriptions,
        person_deleted=person_deleted,
        memberships_deleted=memberships,
        account_requests_deleted=deleted_requests,
    )


def _documents_give_email(person: Person) -> bool:
    email = person.email
    return (
        person.mentions.filter(email__iexact=email).exists()
        or CardContact.objects.filter(person=person, email_as_written__iexact=email).exists()
    )


def initials(name: str) -> str:
    """« Jean-Luc » → « J.-L. », « de La Tour » → « D. L. T. »."""
    words = re.split(r"(\s+|-)", name.strip())
    return "".join(
        (word[0].upper() + ".") if word and not word.isspace() and word != "-" else word
        for word in words
    ).strip()


@transaction.atomic
def anonymise_person(person: Person) -> bool:
    """The person's name cut to initials, their function, e-mail and phone cleared, on
    their record, the documents' mentions (and their history) and the cards' contacts;
    their slug follows the initials. The source import keeps all of it: a field it no
    longer finds as it wrote it is an editor's (sources.ownership). False if already done."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at is not None:
        return False
    person.first_name = initials(person.first_name)
    person.last_name = initials(person.last_name) or "X."
    person.role = person.email = person.phone = ""
    person.slug = free_slug(Person, person.full_name)
    person.anonymised_at = timezone.now()
    person.save()
    PersonMention.objects.filter(person=person).update(role="", email="")
    PersonMention.history.filter(person_id=person.pk).update(role="", email="")
    CardContact.objects.filter(person=person).update(role_as_written="", email_as_written="")
    return True


ANSWERS = {
    DataRequestKind.WITHDRAWAL: "vous n'apparaissez plus sur les pages publiques du site",
    DataRequestKind.ANONYMISATION: "votre nom n'apparaît plus que par ses initiales, sans "
    "fonction ni coordonnées",
}


@transaction.atomic
def handle_personal_data_request(
    data_request: PersonalDataRequest, user, done: str = "", note: str = ""
):
    """Do what the request asks (or `done`: withdrawal or anonymisation) to its person,
    or close it without action (`done` empty, with a note); the request keeps who, when
    and what. The requester gets the answer by e-mail."""
    locked = PersonalDataRequest.objects.select_for_update().get(pk=data_request.pk)
    if locked.status != DataRequestStatus.PENDING:
        raise ValidationError(f"La demande « {locked} » est déjà traitée.")
    if done:
        if locked.person_id is None:
            raise ValidationError(
                f"Choisissez d'abord la personne concernée par la demande « {locked} »."
            )
        if done == DataRequestKind.WITHDRAWAL:
            withdraw_person(locked.person)
        else:
            anonymise_person(locked.person)
        locked.status = DataRequestStatus.DONE
        answer = f"C'est fait : {ANSWERS[DataRequestKind(done)]}."
    else:
        if not note.strip():
            raise ValidationError("Donnez la raison de clore la demande sans suite.")
        locked.status = DataRequestStatus.DECLINED
        answer = "Nous n'avons pas donné suite à votre demande."
    locked.done = done
    locked.note = note.strip()
    locked.handled_by = user
    locked.handled_at = timezone.now()
    locked.save()
    kind = locked.get_kind_display().lower()
    body = f"Bonjour,\n\nVotre demande ({kind}) sur le centre de ressources VITA : {answer}"
    if locked.note:
        body += f"\n\n{locked.note}"
    body += "\n\nLes animateurs du réseau"
    transaction.on_commit(lambda: send_email(locked.email, "Votre demande sur vos données", body))
    return locked
