import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from vita.management.commands import create_demo_animator
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db


def test_creates_an_animator_and_prints_its_password_once(settings, monkeypatch, capsys):
    settings.DEBUG = True
    monkeypatch.setattr(create_demo_animator, "uses_embedded_database", lambda: True)

    call_command("create_demo_animator")
    first = capsys.readouterr().out
    call_command("create_demo_animator")
    second = capsys.readouterr().out

    user = get_user_model().objects.get(username="animateur")
    password = first.split("animateur / ")[1].split()[0]
    assert user.check_password(password)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [ANIMATEUR]
    assert password not in second
    assert "animateur" in second


@pytest.mark.parametrize(
    ("debug", "embedded"), [(False, True), (True, False)], ids=["debug-off", "external-database"]
)
def test_refuses_outside_local_development(settings, monkeypatch, debug, embedded):
    settings.DEBUG = debug
    monkeypatch.setattr(create_demo_animator, "uses_embedded_database", lambda: embedded)

    with pytest.raises(CommandError, match="local development only"):
        call_command("create_demo_animator")

    assert not get_user_model().objects.filter(username="animateur").exists()


def test_the_embedded_database_is_recognised():
    expected = not os.environ.get("DATABASE_URL")

    assert create_demo_animator.uses_embedded_database() is expected
