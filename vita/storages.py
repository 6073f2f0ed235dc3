"""The storage of object storage (`OBJECT_STORAGE_BUCKET`, vita/settings.py)."""

import mimetypes

from storages.backends.s3 import S3Storage


class PrivateBucketStorage(S3Storage):
    """django-storages' S3 storage, each object typed by its name, never by what the
    uploader's browser declared: the portal names files itself, after the format its
    check found (vita.files), so a file declared as HTML is not kept as HTML."""

    def get_object_parameters(self, name):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return {**super().get_object_parameters(name), "ContentType": content_type}
