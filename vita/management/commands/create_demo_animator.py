import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vita.roles import ANIMATEUR, sync_groups

USERNAME = "animateur"


class Command(BaseCommand):
    help = (
        "Local use only: create a demo animator account on the embedded database "
        "and print its password once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-password", action="store_true", help="Give the existing account a new password."
        )

    @transaction.atomic
    def handle(self, *args, new_password=False, **options):
        if not (settings.DEBUG and uses_embedded_database()):
            raise CommandError(
                "The demo account is for local development only "
                "(DEBUG on and the embedded database)."
            )
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user and not new_password:
            self.stdout.write(
                f"Demo animator account: {USERNAME} (its password was printed when it was "
                "created; `python manage.py create_demo_animator --new-password` sets a new one)."
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=USERNAME, first_name="Animateur", last_name="Démo")
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        sync_groups()
        user.groups.add(Group.objects.get(name=ANIMATEUR))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo animator account for /admin/: {USERNAME} / {password} "
                "(shown once; local use only)"
            )
        )


def uses_embedded_database() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "vita.db.backend"
