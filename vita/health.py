"""Readiness checks behind /healthz."""

import logging

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def database_is_available() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return False
    return True
