"""Settings come from the environment and refuse malformed values at start-up."""

import secrets
import time

import pytest

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "vita.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://vita.example.org",
    "SITE_URL": "https://vita.example.org",  # canonical addresses, the sitemap (vita.W001)
    # Never connected to: `check` without --database runs no database check.
    "DATABASE_URL": "postgresql://vita:secret@db.example.org:5432/vita",
}


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DATABASE_URL", "not a url", "DATABASE_URL"),
        ("DATABASE_URL", "postgresql://vita@db.example.org:notaport/vita", "DATABASE_URL"),
        ("DATABASE_URL", "sqlite:///vita.sqlite3", "DATABASE_URL must be a PostgreSQL URL"),
        ("DATABASE_URL", "postgresql://vita@db.example.org:5432/", "DATABASE_URL must name"),
        ("DEBUG", "maybe", '"DEBUG"'),
        ("LOG_LEVEL", "LOUD", '"LOG_LEVEL"'),
        ("CSRF_TRUSTED_ORIGINS", "vita.example.org", "CSRF_TRUSTED_ORIGINS"),
    ],
)
def test_malformed_variable_stops_start_up_with_one_line(run_manage, variable, value, expected):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: value})

    assert result.returncode == 1
    message = result.stderr.strip()
    assert message.startswith("Configuration error:")
    assert expected in message
    assert "\n" not in message, "the message should be one line, not a traceback"


def test_production_refuses_to_start_without_secret_key(run_manage):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}

    result = run_manage("check", env=env)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: SECRET_KEY must be set when DEBUG is off."
    )


def test_development_mode_runs_without_secret_key(run_manage):
    result = run_manage("check", env={"DEBUG": "true"})

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_is_clean_with_production_variables(run_manage):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    # Only django-ratelimit's cache checks are silenced (see CACHES in the settings).
    assert "System check identified no issues (2 silenced)." in result.stdout


def test_only_the_rate_limit_cache_checks_are_silenced(settings):
    assert set(settings.SILENCED_SYSTEM_CHECKS) <= {
        "django_ratelimit.E003",  # a per-process cache without REDIS_URL
        "django_ratelimit.W001",  # Django's own Redis cache is not on its list
    }


def test_wsgi_entry_point_reports_configuration_errors_in_one_line(run_manage):
    import subprocess
    import sys

    from tests.conftest import PROJECT_DIR

    result = subprocess.run(
        [sys.executable, "-c", "import vita.wsgi"],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: SECRET_KEY must be set when DEBUG is off."
    )


def test_database_url_selects_the_external_server(settings_module_with):
    settings = settings_module_with(
        {"DATABASE_URL": "postgresql://vita:pw@db.example.org:6543/portal"}
    )

    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.example.org"
    assert database["PORT"] == 6543
    assert database["NAME"] == "portal"


def test_without_database_url_the_embedded_server_is_used(settings_module_with):
    settings = settings_module_with({})

    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "vita.db.backend"
    assert database["EMBEDDED"]["DATA_DIR"].endswith("var/pgdata")


def test_lists_are_comma_separated_and_trimmed(settings_module_with):
    settings = settings_module_with(
        {"ALLOWED_HOSTS": "vita.example.org, www.vita.example.org ,", "MEDIA_ROOT": "/srv/media"}
    )

    assert settings.ALLOWED_HOSTS == ["vita.example.org", "www.vita.example.org"]
    assert str(settings.MEDIA_ROOT) == "/srv/media"


def test_production_turns_https_protections_on(settings_module_with):
    settings = settings_module_with(
        {key: value for key, value in PRODUCTION_ENV.items() if key != "DATABASE_URL"}
    )

    assert settings.DEBUG is False
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.SECURE_HSTS_SECONDS >= 31_536_000 and settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise.")


@pytest.mark.django_db
def test_connections_plan_for_ssds_and_match_names_at_the_look_ups_threshold():
    from django.db import connection

    from vita.search import MIN_SIMILARITY

    with connection.cursor() as cursor:
        cursor.execute("SELECT word_similarity('a', 'b')")  # loads pg_trgm's settings
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert float(cursor.fetchone()[0]) == MIN_SIMILARITY


def test_web_processes_limit_each_statement_and_commands_do_not(settings_module_with):
    command = settings_module_with({})
    web = settings_module_with({"VITA_SERVES_REQUESTS": "true", "STATEMENT_TIMEOUT_SECONDS": "1"})

    assert "statement_timeout" not in command.DATABASES["default"]["OPTIONS"]["options"]
    assert "-c statement_timeout=1s" in web.DATABASES["default"]["OPTIONS"]["options"]
    assert web.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.django_db
def test_a_statement_over_the_web_time_limit_is_stopped(settings_module_with):
    """One slow query fails its request instead of holding the worker."""
    import psycopg
    from django.db import connection

    web = settings_module_with({"VITA_SERVES_REQUESTS": "true", "STATEMENT_TIMEOUT_SECONDS": "1"})
    params = connection.get_connection_params() | web.DATABASES["default"]["OPTIONS"]
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as web_connection:
        started = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            web_connection.execute("SELECT pg_sleep(5)")
    assert time.monotonic() - started < 3


def test_production_writes_json_and_development_text(settings_module_with):
    production = settings_module_with(
        {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "vita.example.org"}
    )
    development = settings_module_with({})

    assert production.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert development.LOGGING["handlers"]["console"]["formatter"] == "text"


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.skipif(not _redis_answers(REDIS_TEST_URL), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_url_the_rate_limits_count_across_processes(settings_module_with):
    """Two workers (two cache clients) see the same counts: one Redis for all machines."""
    from django.core.cache.backends.redis import RedisCache
    from django.test import RequestFactory, override_settings
    from django_ratelimit.core import is_ratelimited

    configured = settings_module_with({"REDIS_URL": REDIS_TEST_URL})
    cache = configured.CACHES["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert "django_ratelimit.E003" not in configured.SILENCED_SYSTEM_CHECKS
    RedisCache(cache["LOCATION"], {}).clear()
    request = RequestFactory().get("/recherche/", {"q": "garage"}, REMOTE_ADDR="10.9.9.9")

    def counted_by_a_worker():
        with override_settings(CACHES={"default": cache}):
            return is_ratelimited(request, group="search", key="ip", rate="2/m", increment=True)

    assert [counted_by_a_worker() for _ in range(3)] == [False, False, True]
    RedisCache(cache["LOCATION"], {}).clear()


def test_tests_hash_passwords_fast_and_the_portal_does_not(run_manage):
    """The MD5 hasher of tests/conftest.py is for tests only: the portal keeps Django's."""
    from django.contrib.auth.hashers import get_hasher

    result = run_manage(
        "shell",
        "-c",
        "from django.contrib.auth.hashers import get_hasher; print(get_hasher().algorithm)",
        env={"DEBUG": "true"},
    )

    assert get_hasher().algorithm == "md5"
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "pbkdf2_sha256"
