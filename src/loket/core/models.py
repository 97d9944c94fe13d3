"""The audit trail that every service function writes to.

One row per change (and, for personal data, per read), with who did it, in which organisation,
and the old and new values. Rows are only ever added: nothing in Loket updates or deletes them
except the retention job.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True, help_text=_("When it happened (UTC)."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff member who acted; empty for citizens and the system."),
    )
    actor_label = models.CharField(
        _("actor label"), max_length=150, help_text=_("'citizen', 'system' or the staff member's username.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation whose data was touched."),
    )
    action = models.CharField(_("action"), max_length=100, help_text=_("What was done, e.g. 'service.publish'."))
    object_type = models.CharField(_("object type"), max_length=100, help_text=_("The kind of object."))
    object_id = models.CharField(_("object id"), max_length=100, help_text=_("The object's key."))
    changes = models.JSONField(_("changes"), default=dict, blank=True, help_text=_("Old and new values per field."))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Screen or API endpoint it came from, e.g. 'web:person'.")
    )
    person_id = models.BigIntegerField(
        _("person"), null=True, blank=True, db_index=True, help_text=_("The citizen whose personal data it was.")
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_label", "at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"
