"""Writes of organisations that the other apps share."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from organisations.models import (
    AccountRequest,
    DataRequestKind,
    Organisation,
    Person,
    PersonalDataRequest,
    RequestStatus,
)
from vita import accounts
from vita.notifications import notify_animators, send_email
from vita.slugs import create_with_free_slug

HAS_ACCOUNT = (
    "Un compte existe déjà avec cette adresse e-mail : connectez-vous, ou demandez un "
    "nouveau mot de passe (« Mot de passe oublié ? »)."
)
ALREADY_ASKED = (
    "Une demande de compte est déjà en attente pour cette adresse e-mail : les animateurs "
    "vous répondront par e-mail."
)


def find_or_create_organisation(name: str, **new_fields) -> Organisation:
    """The organisation a name or slug stands for (`organisations.matching`), or a new one
    of that name, given `new_fields`."""
    name = name.strip()
    found = Organisation.objects.match(name)
    if found is not None:
        return found
    return create_with_free_slug(Organisation, name, name=name, **new_fields)


def find_or_create_person(
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    *,
    email: str = "",
    role: str = "",
) -> Person:
    """The person of that e-mail, or of that name in that structure, or a new one.

    With an e-mail (an account request, an answer to a call: the account opened goes to
    it), a namesake is taken only if nobody can reach them yet: no e-mail of their own,
    no account, no group. Else anyone could claim a person's record, groups and data by
    asking under their name."""
    people = Person.objects.all()
    if email:
        found = people.filter(email__iexact=email.strip()).order_by("pk").first()
        if found is not None:
            return found
        people = people.filter(email="", account__isnull=True, group_memberships__isnull=True)
    if organisation is not None:
        found = (
            people.filter(
                organisation=organisation,
                first_name__iexact=first_name.strip(),
                last_name__iexact=last_name.strip(),
            )
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found
    return create_with_free_slug(
        Person,
        f"{first_name} {last_name}",
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        email=email.strip(),
        role=role.strip(),
    )  # fmt: skip


@transaction.atomic
def open_account(person: Person, request, *, email: str = ""):
    """Open the member's account of a person (group « Membre »), linked to them, and
    e-mail them the invitation to choose a password; a person who has one keeps it.
    `request`: the animator's, who opens it (the invitation names them)."""
    # Locked: two acceptances naming the same person (a request and a call's answer)
    # open one account, not two.
    given, person = person, Person.objects.select_for_update().get(pk=person.pk)
    if person.account_id is not None:
        given.account = person.account
        return person.account
    email = (email or person.email).strip()
    form = accounts.MemberAccountForm(
        data={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": email,
            "groups": [group.pk for group in accounts.grantable_groups()],
        }
    )
    if not form.is_valid():
        raise ValidationError(next(iter(form.errors.values())))
    user = form.save()
    person.account = user
    if not person.email:
        person.email = email
    person.save(update_fields=["account", "email", "updated_at"])
    given.account, given.email = user, person.email  # the caller's copy says so too
    accounts.invite(user, request)
    return user


# -- accounts asked for on the site ------------------------------------------------------


def account_request_problem(email: str) -> str:
    """Why an account may not be asked for with this address (French), or ""."""
    email = email.strip()
    if get_user_model().objects.filter(email__iexact=email).exists():
        return HAS_ACCOUNT
    pending = AccountRequest.objects.filter(email__iexact=email, status=RequestStatus.PENDING)
    return ALREADY_ASKED if pending.exists() else ""


def request_account(
    *, first_name, last_name, organisation_name, role="", email, message=""
) -> AccountRequest:
    """Store a request for an account and tell the animators (after the commit); an
    address that has an account or an open request raises ValidationError, and nothing
    is written."""
    problem = account_request_problem(email)
    if problem:
        raise ValidationError(problem)
    try:
        with transaction.atomic():
            account_request = AccountRequest.objects.create(
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                organisation_name=organisation_name.strip(),
                role=role.strip(),
                email=email.strip(),
                message=message.strip(),
            )
    except IntegrityError as error:  # the same address sent twice at once
        raise ValidationError(ALREADY_ASKED) from error
    url = reverse("admin:organisations_accountrequest_change", args=[account_request.pk])
    transaction.on_commit(
        lambda: notify_animators(
            f"Demande de compte : {account_request}",
            f"{account_request} ({account_request.email}) demande un compte sur le centre "
            f"de ressources.\n\nFonction : {account_request.role or '—'}\nMessage : "
            f"{account_request.message or '—'}\n\nAccepter ou refuser : {url}",
            reply_to=account_request.email,
        )
    )
    return account_request


def _pending(account_request: AccountRequest) -> AccountRequest:
    """The request, locked, if it still waits for a decision; else a French error."""
    locked = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(
            f"La demande de {locked} est déjà {locked.get_status_display().lower()}."
        )
    return locked


@transaction.atomic
def accept_account_request(account_request: AccountRequest, request):
    """All or nothing: the structure found or created (`find_or_create_organisation`, kept
    off the public pages until an animator shows it), the person found or created, their
    account opened and invited; the request keeps who decided, when, the person and the
    account. `request`: the deciding animator's."""
    locked = _pending(account_request)
    organisation = find_or_create_organisation(locked.organisation_name, proposed=True)
    person = find_or_create_person(
        locked.first_name, locked.last_name, organisation, email=locked.email, role=locked.role
    )
    if person.account_id is not None:
        raise ValidationError(
            f"{person} a déjà un compte ({person.account.email}) : refusez la demande ou "
            "corrigez-la."
        )
    user = open_account(person, request, email=locked.email)
    locked.status = RequestStatus.ACCEPTED
    locked.decided_by = request.user
    locked.decided_at = timezone.now()
    locked.person = person
    locked.account = user
    locked.save()
    return user


@transaction.atomic
def refuse_account_request(account_request: AccountRequest, user, reason: str) -> AccountRequest:
    """Refused with a reason, e-mailed to the person after the commit."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Donnez le motif du refus : il est envoyé à la personne.")
    locked = _pending(account_request)
    locked.status = RequestStatus.REFUSED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.refusal_reason = reason
    locked.save()
    body = (
        f"Bonjour {locked.first_name},\n\nVotre demande de compte sur le centre de "
        f"ressources VITA n'a pas été acceptée, pour ce motif :\n\n{reason}\n\n"
        "Les animateurs du réseau"
    )
    transaction.on_commit(lambda: send_email(locked.email, "Votre demande de compte", body))
    return locked


def link_account(user, person: Person | None = None, *, first_name="", last_name="",
                 organisation_name="") -> Person | None:  # fmt: skip
    """Tie an account to a person: `person` (an account has one person, a person one
    account), or else the person of that name in that structure, found or created (the
    structure by the matcher). Without a last name and a person, nothing."""
    current = Person.objects.filter(account=user).first()
    if person is None:
        if current is not None:
            return current
        if not last_name.strip():
            return None
        organisation = (
            find_or_create_organisation(organisation_name, proposed=True)
            if organisation_name.strip()
            else None
        )
        person = find_or_create_person(first_name, last_name, organisation, email=user.email)
    if person.account_id not in (None, user.pk):
        raise ValidationError(f"{person} a déjà un autre compte.")
    if current is not None and current != person:
        current.account = None
        current.save(update_fields=["account", "updated_at"])
    person.account = user
    if not person.email:
        person.email = user.email
    person.save(update_fields=["account", "email", "updated_at"])
    return person


# -- named people's rights ---------------------------------------------------------------


def request_personal_data_change(
    *, name_as_shown, pages, email, kind, message=""
) -> PersonalDataRequest:
    """Store a request to be withdrawn or anonymised, and tell the animators."""
    data_request = PersonalDataRequest.objects.create(
        name_as_shown=name_as_shown.strip(),
        pages=pages.strip(),
        email=email.strip(),
        kind=kind,
        message=message.strip(),
    )
    url = reverse("admin:organisations_personaldatarequest_change", args=[data_request.pk])
    transaction.on_commit(
        lambda: notify_animators(
            f"Demande de {DataRequestKind(kind).label.lower()} : {data_request.name_as_shown}",
            f"{data_request.name_as_shown} ({data_request.email}) demande : "
            f"{data_request.get_kind_display()}.\n\nPages :\n{data_request.pages}\n\n"
            f"Message : {data_request.message or '—'}\n\nTraiter la demande : {url}",
            reply_to=data_request.email,
        )
    )
    return data_request


def withdraw_person(person: Person) -> bool:
    """No public page names the person any more (`Person.objects.public()`); the import
    never writes the mark. False if they were already withdrawn."""
    return bool(
        Person.objects.filter(pk=person.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
    )
