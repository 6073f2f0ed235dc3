"""The count of open « points à vérifier » on the admin's home page."""

from django import template

from vita.reviews.selectors import open_points_count

register = template.Library()


@register.simple_tag
def open_review_points(user) -> int | None:
    """How many points are open, for those who may see them; None for the others."""
    return open_points_count() if user.has_perm("vita.view_reviewpoint") else None
