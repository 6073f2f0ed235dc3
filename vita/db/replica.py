"""A read replica for the list pages (`DATABASE_REPLICA_URL`).

The public lists, the site search and the home page count and rank over every published
card: the heaviest reads of the portal, and those that tolerate a replica's lag of a
moment. Their views are marked `@reads_from_replica`; while one runs, the router sends
the reads of the portal's content to the replica. Everything else reads the primary:
detail pages (an animator who publishes sees the card at once), the admin, and accounts
and sessions on every page (a member who logs in is a member on the next list page).
Writes always go to the primary. Without a replica configured, the router is not
installed and the mark does nothing."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from inspect import iscoroutinefunction

from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

# The apps whose tables the list pages show; sessions, accounts, rate limits and jobs
# are not among them.
CONTENT_APPS = frozenset(
    {"territories", "organisations", "workgroups", "resources", "experiences", "events"}
)

_list_page = ContextVar("vita_reads_from_replica", default=False)


def reads_from_replica(view):
    """Marks a list page: its content is read from the replica, when there is one."""
    if iscoroutinefunction(view):
        # The mark would be lifted before the coroutine ran: refused, not silently lost.
        raise TypeError(f"@reads_from_replica marks synchronous views only ({view.__name__}).")

    @wraps(view)
    def marked(request, *args, **kwargs):
        with replica_reads():
            return view(request, *args, **kwargs)

    return marked


@contextmanager
def replica_reads():
    """The reads of a list page's content inside this block go to the replica: for what
    a marked view reads after it returned (the rows of a streamed export)."""
    token = _list_page.set(True)
    try:
        yield
    finally:
        _list_page.reset(token)


class ReplicaRouter:
    """Installed when `DATABASE_REPLICA_URL` is set (vita/settings.py)."""

    def db_for_read(self, model, **hints):
        if _list_page.get() and model._meta.app_label in CONTENT_APPS:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Said outright: Django would otherwise write a record back where it was read.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints):
        # The replica holds the primary's rows: a record read from one relates to the other's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; nothing migrates it.
        return db == DEFAULT_DB_ALIAS
