"""Turn a configuration error into a one-line message at start-up.

Without this, a malformed environment variable surfaces as a long traceback
from deep inside Django's settings loading.
"""

import sys

from django.core.exceptions import ImproperlyConfigured
from environs import EnvError


def load_settings_or_exit() -> None:
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except (ImproperlyConfigured, EnvError) as error:
        sys.exit(f"Configuration error: {error}")
