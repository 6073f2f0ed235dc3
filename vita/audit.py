"""The staff's and accounts' actions, written to the log (logger `vita.audit`): logins,
failed logins, logouts, every change made through the admin as Django records it
(`LogEntry`: additions, changes, deletions, bulk deletions included), every move of
the editorial workflow and every « point à vérifier » settled.

The admin's history pages and django-simple-history keep the same facts in the database;
the log carries them to wherever the logs are collected, with the client's address."""

import logging

from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from vita.ratelimits import client_ip

logger = logging.getLogger("vita.audit")


def _address(request) -> str:
    return client_ip(request) if request is not None else "-"


def logged_in(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.get_username(), _address(request))


def logged_out(sender, request, user, **kwargs):
    username = user.get_username() if user else "-"
    logger.info("logout user=%s ip=%s", username, _address(request))


def login_failed(sender, credentials, request=None, **kwargs):
    # The password never reaches the log: Django has already masked it, and only the
    # username is read here.
    logger.warning(
        "login failed user=%s ip=%s", credentials.get("username", "-"), _address(request)
    )


ACTIONS = {1: "add", 2: "change", 3: "delete"}


def admin_action(sender, instance: LogEntry, created, **kwargs):
    if created:
        logger.info(
            "admin %s user=%s object=%s.%s:%s %r %s",
            ACTIONS.get(instance.action_flag, instance.action_flag),
            instance.user.get_username(),
            instance.content_type.app_label if instance.content_type else "-",
            instance.content_type.model if instance.content_type else "-",
            instance.object_id,
            instance.object_repr,
            instance.get_change_message(),
        )


def bulk_deletion(user, model, records) -> None:
    """Records deleted together from a change list, one line each, as `admin_action`
    says a single deletion: Django saves their `LogEntry` rows with `bulk_create`, which
    sends no `post_save` (vita.admin.delete_selected calls this)."""
    for pk, text in records:
        logger.info(
            "admin delete user=%s object=%s.%s:%s %r ",
            user.get_username(),
            model._meta.app_label,
            model._meta.model_name,
            pk,
            text[:200],
        )


def workflow(user, transition: str, records) -> None:
    """A move of the editorial workflow (publish, archive…), one line per record."""
    for record in records:
        logger.info(
            "workflow %s user=%s object=%s.%s:%s %r",
            transition,
            user.get_username(),
            record._meta.app_label,
            record._meta.model_name,
            record.pk,
            str(record),
        )


def review_points_closed(user, points) -> None:
    """« Points à vérifier » marked as settled (`points`: pairs of id and text)."""
    for pk, text in points:
        logger.info("review closed user=%s point=%s %r", user.get_username(), pk, text[:200])


def connect():
    user_logged_in.connect(logged_in, dispatch_uid="vita.audit.login")
    user_logged_out.connect(logged_out, dispatch_uid="vita.audit.logout")
    user_login_failed.connect(login_failed, dispatch_uid="vita.audit.login_failed")
    post_save.connect(admin_action, sender=LogEntry, dispatch_uid="vita.audit.admin")
