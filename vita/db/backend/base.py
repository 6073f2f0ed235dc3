"""Django's PostgreSQL backend, pointed at the embedded server.

Settings use this engine when DATABASE_URL is unset. The server is started (or
reused) on the first connection, not when settings load, so commands that never
touch the database never start it.
"""

from django.db.backends.postgresql import base as postgresql
from django.db.backends.postgresql import client as postgresql_client

from vita.db import embedded


class DatabaseClient(postgresql_client.DatabaseClient):
    """`manage.py dbshell` with the psql shipped beside the embedded server."""

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict, parameters):
        options = settings_dict["EMBEDDED"]
        address = embedded.ensure_running(options["DATA_DIR"], options["DATABASE"])
        args, env = super().settings_to_cmd_args_env(
            {**settings_dict, "HOST": address.socket_dir, "PORT": address.port}, parameters
        )
        args[0] = str(embedded.psql_executable())
        return args, env


class DatabaseWrapper(postgresql.DatabaseWrapper):
    client_class = DatabaseClient

    def get_connection_params(self):
        params = super().get_connection_params()
        options = self.settings_dict["EMBEDDED"]
        try:
            address = embedded.ensure_running(options["DATA_DIR"], options["DATABASE"])
        except embedded.EmbeddedServerError as error:
            # Surfaces as django.db.OperationalError, like any unreachable server.
            raise self.Database.OperationalError(str(error)) from error
        params["host"] = address.socket_dir
        params["port"] = address.port
        return params
