"""Writes of organisations that the other apps share."""

from organisations.models import Organisation
from vita.slugs import create_with_free_slug


def find_or_create_organisation(name: str, **new_fields) -> Organisation:
    """The organisation a name or slug stands for (`organisations.matching`), or a new one
    of that name, given `new_fields`."""
    name = name.strip()
    found = Organisation.objects.match(name)
    if found is not None:
        return found
    return create_with_free_slug(Organisation, name, name=name, **new_fields)
