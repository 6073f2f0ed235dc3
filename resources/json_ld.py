"""schema.org description of a library resource, for search engines (JSON-LD in its page)."""

from resources.models import AccessLevel
from resources.selectors import resource_dates
from vita.findable import canonical_url, json_ld, plain_description


def resource_json_ld(resource) -> str:
    """A CreativeWork dated by `resource_dates` (its version's date or year, a person's
    last edit), with its authors and publisher as the page names them."""
    dates = resource_dates(resource)
    authors = [{"@type": "Person", "name": str(person)} for person in resource.author_people.all()]
    authors += [
        {"@type": "Organization", "name": organisation.name}
        for organisation in resource.author_organisations.all()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": resource.title,
        "url": canonical_url(resource.get_absolute_url()),
        "inLanguage": "fr",
        "genre": resource.get_kind_display(),
        "author": authors,
        "datePublished": dates.published_iso,
        "dateModified": dates.modified.isoformat() if dates.modified else None,
        "description": plain_description(resource.description, words=60),
        "isAccessibleForFree": resource.access_level == AccessLevel.PUBLIC or None,
    }
    if resource.publisher:
        data["publisher"] = {"@type": "Organization", "name": resource.publisher.name}
    return json_ld(data)
