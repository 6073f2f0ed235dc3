"""Object storage (OBJECT_STORAGE_BUCKET): the library's files and the media in a bucket
of an S3-compatible service, through django-storages; downloads are redirects to signed
addresses. Run against moto's S3 server on loopback (conftest: `object_storage`)."""

import urllib.request
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from resources.models import AccessLevel
from tests import factories, files
from tests.library_access import ACCESS_MATRIX, ANONYMOUS, GROUPS
from vita import spreadsheet_jobs

pytestmark = pytest.mark.django_db


def test_without_a_bucket_files_stay_in_local_folders(settings_module_with):
    configured = settings_module_with({})

    assert configured.STORAGES["library"]["BACKEND"].endswith("FileSystemStorage")
    assert configured.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def test_a_bucket_holds_the_library_and_the_media_privately(settings_module_with):
    configured = settings_module_with(
        {
            "OBJECT_STORAGE_BUCKET": "vita-fichiers",
            "OBJECT_STORAGE_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
            "OBJECT_STORAGE_REGION": "fr-par",
            "OBJECT_STORAGE_LINK_SECONDS": "30",
        }
    )

    library, media = configured.STORAGES["library"], configured.STORAGES["default"]
    assert library["BACKEND"] == media["BACKEND"] == "vita.storages.PrivateBucketStorage"
    assert (library["OPTIONS"]["location"], media["OPTIONS"]["location"]) == ("library", "media")
    options = library["OPTIONS"]
    assert options["bucket_name"] == "vita-fichiers"
    assert options["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert options["region_name"] == "fr-par"
    # No ACL of the objects' own (the bucket's private policy), signed addresses only,
    # a file never overwritten by another of the same name.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True and options["querystring_expire"] == 30
    assert options["signature_version"] == "s3v4"
    assert options["file_overwrite"] is False
    # Unset keys: boto3's own chain (environment, instance role).
    assert options["access_key"] is None and options["secret_key"] is None


def _resource_with_file(**fields):
    resource = factories.ResourceFactory(title="Guide de la mobilité", **fields)
    resource.file = files.upload("guide.pdf", files.PDF)
    resource.save()
    return resource


def _fetch(address: str):
    """What the reader's browser gets from the bucket at a signed address."""
    with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310 - the test server
        return response.read(), response.headers


def test_an_uploaded_file_is_stored_in_the_bucket_only(object_storage, library_files):
    resource = factories.ResourceFactory(title="Guide de la mobilité")
    # The type the uploader's browser declares is not the one kept.
    upload = files.upload("guide.pdf", files.PDF)
    upload.content_type = "text/html"
    resource.file = upload
    resource.save()

    key = f"library/{resource.file.name}"
    assert object_storage.keys() == {key}
    assert object_storage.read(key) == files.PDF
    assert object_storage.content_type(key) == "application/pdf"
    assert resource.file_size == len(files.PDF) and resource.file_format == "pdf"
    assert not (library_files / resource.file.name).exists()


def test_a_download_is_a_redirect_to_a_signed_address_that_expires(
    client, object_storage, s3_endpoint
):
    resource = _resource_with_file()

    response = client.get(reverse("resources:download", args=[resource.slug]))

    assert response.status_code == 302
    address = response["Location"]
    assert address.startswith(f"{s3_endpoint}/{object_storage.name}/library/ressources/")
    assert "X-Amz-Signature=" in address and "X-Amz-Expires=60" in address
    # The address is this reader's, for a minute: no cache may keep it.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    content, headers = _fetch(address)
    assert content == files.PDF
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == (
        "attachment; filename*=utf-8''Guide%20de%20la%20mobilit%C3%A9.pdf"
    )
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_a_head_request_is_signed_for_a_head_and_not_counted(client, object_storage):
    resource = _resource_with_file()
    url = reverse("resources:download", args=[resource.slug])

    for _attempt in range(5):  # two addresses signed within the same second
        head, get = client.head(url)["Location"], client.get(url)["Location"]
        if _query(head)["X-Amz-Date"] == _query(get)["X-Amz-Date"]:
            break
    # The method is part of what is signed: the bucket would refuse a GET's for a HEAD.
    assert _query(head)["X-Amz-Signature"] != _query(get)["X-Amz-Signature"]
    request = urllib.request.Request(head, method="HEAD")  # noqa: S310 - the test server
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - test server
        assert response.status == 200
    resource.refresh_from_db()
    assert resource.download_count == _attempt + 1  # the GETs only


def _query(address: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(address).query))


@pytest.mark.parametrize(("reader", "level"), ACCESS_MATRIX)
def test_the_access_matrix_holds_with_object_storage(client, object_storage, reader, level):
    resource = _resource_with_file(access_level=level)
    if reader != ANONYMOUS:
        client.force_login(factories.UserFactory(groups=GROUPS[reader]))
    url = reverse("resources:download", args=[resource.slug])

    response = client.get(url)

    expected = ACCESS_MATRIX[reader, level]
    if expected == 200:  # the file, from the bucket
        assert response.status_code == 302
        content, headers = _fetch(response["Location"])
        assert content == files.PDF
        if level != AccessLevel.PUBLIC:  # not kept by a cache between the bucket and them
            assert headers["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == expected
        if expected == 302:
            assert response["Location"] == f"{reverse('login')}?next={url}"
    resource.refresh_from_db()
    assert resource.download_count == (1 if expected == 200 else 0)


def test_a_file_missing_from_the_bucket_is_a_404(client, object_storage):
    resource = _resource_with_file()
    object_storage.delete(f"library/{resource.file.name}")

    response = client.get(reverse("resources:download", args=[resource.slug]))

    assert response.status_code == 404
    assert "introuvable" in response.content.decode()
    resource.refresh_from_db()
    assert resource.download_count == 0
    resource.title = "Toujours modifiable"
    resource.save()
    assert resource.file_size is None


def test_a_large_import_file_waits_in_the_bucket_for_the_worker(object_storage, admin_user):
    from organisations.organisation_spreadsheet import OrganisationSheet

    upload = files.upload("structures.csv", "Nom;Identifiant\nLa Régie;la-regie\n".encode())
    job = spreadsheet_jobs.start(
        admin_user, "organisations.organisation", OrganisationSheet, 0, upload
    )

    assert object_storage.keys() == {f"library/{job.file.name}"}
    dataset = spreadsheet_jobs._dataset(job)
    assert dataset.headers == ["Nom", "Identifiant"] and dataset[0] == ("La Régie", "la-regie")
