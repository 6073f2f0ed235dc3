"""Writes of organisations that the other apps share."""

from django.core.exceptions import ValidationError
from django.db import transaction

from organisations.models import Organisation, Person
from vita import accounts
from vita.slugs import create_with_free_slug


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
    """The person of that e-mail, or of that name in that structure, or a new one."""
    people = Person.objects.all()
    if email:
        found = people.filter(email__iexact=email.strip()).order_by("pk").first()
        if found is not None:
            return found
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
    if person.account_id is not None:
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
    accounts.invite(user, request)
    return user
