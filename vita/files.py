"""Uploaded files: the formats the site accepts, the checks of an upload, where files live
(the library's, and a spreadsheet imported in the admin).

Every file is stored under a random name in the `library` storage, which has no public
URL: the download view checks the reader's access, counts the download, then sends the
file, or, from object storage, redirects to a signed address that soon expires.
"""

import re
import uuid
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header

# How much of a file its content check reads: enough for the ZIP entries of office files.
SNIFFED_BYTES = 8192


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument texte (ODT)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODS = "ods", "OpenDocument tableur (ODS)"
    CSV = "csv", "CSV"
    PPTX = "pptx", "PowerPoint (PPTX)"
    ODP = "odp", "OpenDocument présentation (ODP)"
    PNG = "png", "Image PNG"
    JPEG = "jpg", "Image JPEG"


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileFormat.ODT: "application/vnd.oasis.opendocument.text",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileFormat.ODP: "application/vnd.oasis.opendocument.presentation",
    FileFormat.PNG: "image/png",
    FileFormat.JPEG: "image/jpeg",
}
EXTENSIONS = {format.value: format for format in FileFormat} | {"jpeg": FileFormat.JPEG}
ACCEPTED = ", ".join(sorted({f".{extension}" for extension in EXTENSIONS}))


def library_storage():
    """The storage of library files (a setting, so that production can use object storage)."""
    return storages["library"]


def signed_download_url(
    stored, filename: str, content_type: str, private: bool, method: str = "GET"
) -> str | None:
    """A short-lived address of a file kept in object storage, from which the reader's
    browser fetches it with the headers the download view would send (signed for the
    request's method: a HEAD follows with a HEAD); None for files on a local disk, which
    the view sends itself."""
    storage = stored.storage
    if not getattr(storage, "querystring_auth", False):
        return None
    parameters = {
        "ResponseContentDisposition": content_disposition_header(True, filename),
        "ResponseContentType": content_type,
    }
    if private:
        parameters["ResponseCacheControl"] = "private, no-store"
    return storage.url(stored.name, parameters=parameters, http_method=method)


def random_name(instance, filename: str) -> str:
    """Stored under a random name: an uploaded name never reaches the disk."""
    return f"ressources/{uuid.uuid4().hex}.{file_format(filename)}"


def validate_new_upload(value):
    """A file field's validator: checks a file when it is uploaded (a stored file was
    checked then)."""
    if not getattr(value, "_committed", True):
        check_upload(value.file)


def file_format(filename: str) -> FileFormat | None:
    return EXTENSIONS.get(PurePath(filename).suffix.lower().lstrip("."))


def check_upload(upload) -> FileFormat:
    """The format of an uploaded file, after checking its extension, size and content;
    a ValidationError in French otherwise."""
    name = PurePath(upload.name or "").name
    found = file_format(name)
    if found is None:
        suffix = PurePath(name).suffix or "sans extension"
        raise ValidationError(
            f"Le format « {suffix} » n'est pas accepté. Formats acceptés : {ACCEPTED}.",
            code="format",
        )
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Le fichier pèse {filesizeformat(upload.size)} : la limite est de "
            f"{filesizeformat(limit)}.",
            code="size",
        )
    if upload.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    upload.seek(0)
    head = upload.read(SNIFFED_BYTES)
    upload.seek(0)
    if found in OFFICE_MARKERS:
        _check_office_file(found, upload)
    else:
        _check_content(found, head)
    upload.seek(0)
    return found


# An office file is a ZIP archive holding this entry (or, for OpenDocument, whose
# « mimetype » entry says this). Read from the archive's directory, wherever the entry is:
# magic-byte sniffers look at the first entries only and miss files written by some
# office suites.
OFFICE_MARKERS = {
    FileFormat.DOCX: ("word/document.xml", None),
    FileFormat.XLSX: ("xl/workbook.xml", None),
    FileFormat.PPTX: ("ppt/presentation.xml", None),
    FileFormat.ODT: ("mimetype", b"application/vnd.oasis.opendocument.text"),
    FileFormat.ODS: ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    FileFormat.ODP: ("mimetype", b"application/vnd.oasis.opendocument.presentation"),
}

# An archive that expands beyond this is refused: a « ZIP bomb » would fill memory.
MAX_UNCOMPRESSED_RATIO = 100


def _check_office_file(expected: FileFormat, upload) -> None:
    mismatch = ValidationError(
        f"Le contenu du fichier ne correspond pas à son extension .{expected.value} : "
        "vérifiez le fichier ou enregistrez-le au bon format.",
        code="content",
    )
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
        names = {entry.filename.lower() for entry in entries}
        marker, mimetype = OFFICE_MARKERS[expected]
        if marker not in names or (mimetype and archive.read(marker).strip() != mimetype):
            raise mismatch
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as error:
        raise mismatch from error
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_UNCOMPRESSED_RATIO * max(upload.size, 1):
        raise ValidationError(
            "Le fichier se décompresse en un volume anormal : il est refusé.", code="archive"
        )
    # VBA projects (Microsoft formats), Basic and scripts (OpenDocument).
    if any(name.endswith("vbaproject.bin") or name.startswith(("basic/", "scripts/"))
           for name in names):  # fmt: skip
        raise ValidationError(
            "Le fichier contient des macros : enregistrez-le sans macros (.docx, .xlsx, .pptx, "
            "ou OpenDocument sans macros).",
            code="macros",
        )


def _check_content(expected: FileFormat, head: bytes) -> None:
    guessed = filetype.guess(head)
    if expected == FileFormat.CSV:
        if guessed is not None or b"\x00" in head or not _is_utf8(head):
            raise ValidationError(
                "Ce fichier .csv n'est pas un texte en UTF-8 : enregistrez-le en « CSV UTF-8 ».",
                code="content",
            )
        return
    found = EXTENSIONS.get(guessed.extension) if guessed else None
    if found != expected:
        raise ValidationError(
            f"Le contenu du fichier ne correspond pas à son extension .{expected.value}"
            + (f" : c'est un fichier {guessed.extension.upper()}." if guessed else ".")
            + " Vérifiez le fichier ou enregistrez-le au bon format.",
            code="content",
        )


def _is_utf8(head: bytes) -> bool:
    # The sniffed head may end inside a multi-byte character.
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def download_name(title: str, format: FileFormat) -> str:
    """A clean file name from a title: « Guide des clauses sociales.pdf »."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:120].rstrip() or "document"
    return f"{stem}.{format.value}"
