"""Every write to the catalogue. Each function runs in one transaction and writes the audit trail.

STUB: grows with the editor work.
"""

from __future__ import annotations

from django.db import transaction

from loket.catalog.models import ContentReport, Service
from loket.core.audit import audit_log
from loket.core.errors import DomainError


@transaction.atomic
def content_report_create(*, service: Service, message: str, email: str, language: str) -> ContentReport:
    """A citizen's "Something wrong on this page?" report, for the service's editor's work list."""
    message = message.strip()
    if not message:
        raise DomainError("Tell us what is wrong on this page.", code="report_empty", field="message")
    report = ContentReport.objects.create(service=service, message=message, email=email.strip(), language=language)
    audit_log(actor="citizen", action="content_report.create", obj=report, organisation_id=service.organisation_id)
    return report
