from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedRecord(models.Model):
    """A record a source document wrote, and what the import last wrote of it.

    Its identity in the document (`document`, `key`: a code, a page, a position, never its
    text) finds the row again after a corrected title or a changed slug. `written` holds,
    for each field and each list of child rows the import owns, a fingerprint of the value
    it last wrote there: a new run changes a field only while it still holds that value,
    so whatever an animator changed since is kept. The row outlives its record: a record
    deleted in the administration is not created again.
    """

    document = models.CharField("document", max_length=3)  # "000" … "004"
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("clé dans le document", max_length=255)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    written = models.JSONField("dernières valeurs écrites (empreintes)", default=dict)
    # Where the document gives the record: a page of its reader (sources.pages), set by
    # every run; empty for the document itself and where the parser knows no page.
    page = models.PositiveIntegerField("page dans le document", null=True, blank=True)
    created_at = models.DateTimeField("importé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "enregistrement importé"
        verbose_name_plural = "enregistrements importés"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "key"], name="imported_record_key_once"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.document} · {self.key}"
