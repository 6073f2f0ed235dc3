"""make backup / make restore: a round trip on the test database and its files."""

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from experiences import search
from experiences.models import ExperienceCard
from resources.models import Resource
from tests import factories, files
from vita.backup import DATABASE_FILE, FILES_ARCHIVE

# pg_restore replaces tables: no test transaction may hold them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def territories():
    call_command("load_territories", verbosity=0)  # transactional tests flush them


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Never the checkout's own var/media: a restore replaces it."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    (settings.MEDIA_ROOT / "logo.txt").write_text("le logo")
    return settings.MEDIA_ROOT


def test_a_backup_restores_the_database_and_the_files(library_files, media_root, tmp_path):
    card = factories.ExperienceCardFactory(title="Une régie de quartier")
    resource = factories.ResourceFactory(title="Guide de la mobilité")
    resource.file = files.upload("guide.pdf", files.PDF)
    resource.save()
    stored = library_files / resource.file.name

    # What a restore replaces must be this test's folders, never the checkout's var/.
    from vita.backup import _file_storages

    folders = {name: Path(storage.location) for name, storage in _file_storages().items()}
    assert folders == {"files": library_files, "media": media_root}
    call_command("backup", output=tmp_path)
    folder = next(tmp_path.iterdir())
    assert {path.name for path in folder.iterdir()} == {DATABASE_FILE, FILES_ARCHIVE}
    # Then things go wrong: a card deleted, a title changed, a file lost.
    card.delete()
    Resource.objects.filter(pk=resource.pk).update(title="Titre cassé")
    stored.unlink()
    (media_root / "logo.txt").unlink()
    factories.ExperienceCardFactory(title="Écrite après la sauvegarde")

    call_command("restore", folder, no_input=True)

    assert list(ExperienceCard.objects.values_list("title", flat=True)) == ["Une régie de quartier"]
    assert Resource.objects.get(pk=resource.pk).title == "Guide de la mobilité"
    assert stored.read_bytes() == files.PDF
    assert (media_root / "logo.txt").read_text() == "le logo"
    # The restored database works: its search (triggers, indexes) included.
    assert search.matching(ExperienceCard.objects.all(), "régie").exists()


def test_a_backup_restores_the_files_of_a_bucket(object_storage, tmp_path):
    """With object storage, the files are saved and put back through the bucket."""
    resource = factories.ResourceFactory(title="Guide de la mobilité")
    resource.file = files.upload("guide.pdf", files.PDF)
    resource.save()
    key = f"library/{resource.file.name}"
    object_storage.write("media/logo.txt", b"le logo")

    call_command("backup", output=tmp_path)
    folder = next(tmp_path.iterdir())
    with tarfile.open(folder / FILES_ARCHIVE) as archive:
        assert set(archive.getnames()) == {f"files/{resource.file.name}", "media/logo.txt"}
    object_storage.delete(key)
    object_storage.write("media/logo.txt", b"un autre logo")
    object_storage.write("library/ressources/ecrit-apres.pdf", files.PDF)

    call_command("restore", folder, no_input=True)

    assert object_storage.keys() == {key, "media/logo.txt"}
    assert object_storage.read(key) == files.PDF
    assert object_storage.read("media/logo.txt") == b"le logo"
    response = Client().get(reverse("resources:download", args=[resource.slug]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name",
    [
        "files/../ailleurs.txt",
        "files//tmp/ailleurs.txt",
        "/files/ailleurs.txt",
        "files/ressources\\..\\..\\ailleurs.txt",
    ],
)
def test_an_archive_reaching_out_of_its_folders_is_refused(tmp_path, library_files, name):
    """A backup's archive is trusted no more than any file: refused whole, before the
    database or a file is touched."""
    folder = tmp_path / "vita-20260101-000000"
    folder.mkdir()
    (folder / DATABASE_FILE).write_bytes(b"")
    entry = tarfile.TarInfo(name)
    entry.size = 3
    with tarfile.open(folder / FILES_ARCHIVE, "w:gz") as archive:
        archive.addfile(entry, io.BytesIO(b"non"))
    factories.ExperienceCardFactory(title="Reste là")
    kept = library_files / "ressources" / "garde.pdf"
    kept.parent.mkdir(exist_ok=True)
    kept.write_bytes(files.PDF)

    with pytest.raises(CommandError, match=r"ailleurs\.txt.*refusée"):
        call_command("restore", folder, no_input=True)

    assert ExperienceCard.objects.filter(title="Reste là").exists()
    assert kept.read_bytes() == files.PDF
    kept.unlink()


def test_restoring_what_is_not_a_backup_changes_nothing(tmp_path):
    factories.ExperienceCardFactory(title="Reste là")

    with pytest.raises(CommandError, match="n'est pas une sauvegarde"):
        call_command("restore", tmp_path, no_input=True)

    assert ExperienceCard.objects.filter(title="Reste là").exists()


def test_the_tools_are_those_of_the_server_s_major_version():
    """pg_restore refuses a newer pg_dump's archive; a newer pg_dump writes settings an
    older server rejects (« transaction_timeout »): the server's own version is used."""
    import subprocess

    from django.db import connection

    from vita.backup import _major, _tool

    assert _major("pg_restore (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)") == 15
    connection.ensure_connection()
    for name in ("pg_dump", "pg_restore"):
        version = subprocess.run([_tool(name), "--version"], capture_output=True, text=True)
        assert _major(version.stdout) == connection.pg_version // 10000
