"""WSGI entry point, e.g. `gunicorn vita.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from vita.config import load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vita.settings")
# A web process: its database statements get a time limit (vita/settings.py); commands
# (migrations, imports, the task worker) keep none.
os.environ.setdefault("VITA_SERVES_REQUESTS", "true")
load_settings_or_exit()
application = get_wsgi_application()
