"""Staff catalogue API (``/api/v1/staff/``): the editor's services and citizens' reports.

For systems and scripts that maintain the catalogue on behalf of a catalogue editor. Tenancy
holds through the API as on the web: every read goes through ``staff_selectors`` (only the
organisations where the user is a catalogue editor or administrator; another organisation's
service or report is a 404), every write through the same ``services`` functions as the staff
pages (permission checked again, validated, audited).

Authentication: the Django session (with its CSRF token for writes); request bodies are JSON.
Errors are ``{"code", "message", "field"}`` in the request's language.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from loket.catalog import services, staff_selectors
from loket.catalog.models import SERVICE_TEXT_FIELDS, ChannelKind, ContentReport, ReportStatus, Service
from loket.catalog.readability import Readability
from loket.core.api import ApiView, ErrorSerializer, first_error, validated_params
from loket.core.errors import NotFound

TAGS = ["staff: catalogue"]
LANGUAGES = ("nl", "fr", "en")
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


# --- Serializers ---------------------------------------------------------------------------------


class StaffLanguagesSerializer(serializers.Serializer):
    nl = serializers.CharField(allow_blank=True, required=False, trim_whitespace=True)
    fr = serializers.CharField(allow_blank=True, required=False, trim_whitespace=True)
    en = serializers.CharField(allow_blank=True, required=False, trim_whitespace=True)


class StaffTextsSerializer(serializers.Serializer):
    """The translated texts of a service (``SERVICE_TEXT_FIELDS``), each in nl/fr/en."""

    title = StaffLanguagesSerializer(required=False)
    summary = StaffLanguagesSerializer(required=False)
    audience = StaffLanguagesSerializer(required=False)
    procedure = StaffLanguagesSerializer(required=False)
    documents = StaffLanguagesSerializer(required=False)
    cost = StaffLanguagesSerializer(required=False)
    legal_basis = StaffLanguagesSerializer(required=False)
    processing_time = StaffLanguagesSerializer(required=False)
    keywords = StaffLanguagesSerializer(required=False)


class StaffReadabilitySerializer(serializers.Serializer):
    score = serializers.IntegerField(allow_null=True, help_text="0 (very hard) to 100 (very easy); null if not scored.")
    target = serializers.FloatField(help_text="The score to reach.")
    verdict = serializers.CharField(help_text="easy, fair, hard, too_short, empty or not_scored.")
    formula = serializers.CharField(help_text="Flesch-Douma (nl), Kandel-Moles (fr) or Flesch (en).")
    explanation = serializers.CharField(help_text="What the score means and what to do, in the request's language.")


class StaffReadabilityLanguagesSerializer(serializers.Serializer):
    nl = StaffReadabilitySerializer()
    fr = StaffReadabilitySerializer()
    en = StaffReadabilitySerializer()


class StaffReadabilityTextsSerializer(serializers.Serializer):
    title = StaffReadabilityLanguagesSerializer()
    summary = StaffReadabilityLanguagesSerializer()
    audience = StaffReadabilityLanguagesSerializer()
    procedure = StaffReadabilityLanguagesSerializer()
    documents = StaffReadabilityLanguagesSerializer()
    cost = StaffReadabilityLanguagesSerializer()
    legal_basis = StaffReadabilityLanguagesSerializer()
    processing_time = StaffReadabilityLanguagesSerializer()
    keywords = StaffReadabilityLanguagesSerializer()


class StaffChannelSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChannelKind.choices)
    instructions = StaffLanguagesSerializer(required=False, help_text="What the citizen does on this channel.")
    url = serializers.CharField(required=False, allow_blank=True, help_text="For online: the e-counter or form.")
    phone = serializers.CharField(required=False, allow_blank=True, help_text="For phone: the number to call.")
    order = serializers.IntegerField(required=False, min_value=0, max_value=1000)


class StaffServiceSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    organisation = serializers.SlugField(help_text="The organisation's slug.")
    status = serializers.CharField(help_text="draft or published.")
    title = StaffLanguagesSerializer()
    last_reviewed = serializers.DateField(allow_null=True)
    review_due = serializers.DateField(allow_null=True)
    overdue_for_review = serializers.BooleanField()
    open_reports = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class StaffServiceSerializer(StaffServiceSummarySerializer):
    texts = StaffTextsSerializer()
    readability = StaffReadabilityTextsSerializer(help_text="The readability of every text in every language.")
    channels = StaffChannelSerializer(many=True)
    duration_minutes = serializers.IntegerField()
    cost_amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    review_interval_days = serializers.IntegerField()
    department = serializers.IntegerField(allow_null=True, help_text="Id of the owning department.")


class StaffReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    service = serializers.SlugField(help_text="The service's slug.")
    message = serializers.CharField()
    email = serializers.CharField(help_text="The citizen's address, when they asked for an answer.")
    language = serializers.CharField(help_text="Language the page was read in.")
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    created_at = serializers.DateTimeField()
    handled_at = serializers.DateTimeField(allow_null=True)
    handled_by = serializers.CharField(allow_null=True, help_text="User name of the editor who handled it.")


class StaffPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()


class StaffServiceListSerializer(StaffPageSerializer):
    results = StaffServiceSummarySerializer(many=True)


class StaffReportListSerializer(StaffPageSerializer):
    results = StaffReportSerializer(many=True)


class StaffPageFilterSerializer(serializers.Serializer):
    limit = serializers.IntegerField(required=False, default=50, min_value=1, max_value=200)
    offset = serializers.IntegerField(required=False, default=0, min_value=0)


# --- Data ----------------------------------------------------------------------------------------


def _languages(obj: Any, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}


def _readability(result: Readability) -> dict[str, Any]:
    return {
        "score": result.shown_score,
        "target": result.target,
        "verdict": str(result.verdict),
        "formula": result.formula,
        "explanation": result.explanation,
    }


def _summary(service: Service) -> dict[str, Any]:
    return {
        "slug": service.slug,
        "organisation": service.organisation.slug,
        "status": service.status,
        "title": _languages(service, "title"),
        "last_reviewed": service.last_reviewed,
        "review_due": service.review_due,
        "overdue_for_review": service.is_overdue_for_review(),
        "open_reports": getattr(service, "open_reports", 0),
        "updated_at": service.updated_at,
    }


def _detail(service: Service) -> dict[str, Any]:
    readability = staff_selectors.service_readability(service=service)
    return {
        **_summary(service),
        "texts": {name: _languages(service, name) for name in SERVICE_TEXT_FIELDS},
        "readability": {
            name: {lang: _readability(result) for lang, result in by_lang.items()}
            for name, by_lang in readability.items()
        },
        "channels": [
            {
                "kind": c.kind,
                "instructions": _languages(c, "instructions"),
                "url": c.url,
                "phone": c.phone,
                "order": c.order,
            }
            for c in service.channels.all()
        ],
        "duration_minutes": service.duration_minutes,
        "cost_amount": service.cost_amount,
        "review_interval_days": service.review_interval_days,
        "department": service.department_id,
    }


def _report(report: ContentReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "service": report.service.slug,
        "message": report.message,
        "email": report.email,
        "language": report.language,
        "status": report.status,
        "created_at": report.created_at,
        "handled_at": report.handled_at,
        "handled_by": report.handled_by.get_username() if report.handled_by else None,
    }


# --- Views ---------------------------------------------------------------------------------------


class StaffCatalogueApiView(ApiView):
    """Signed-in staff only (the session; its CSRF token for writes); request bodies are JSON only.

    JSON only because the nested texts and channels have no form encoding: a form's ``texts``
    would be dropped without a word, and the change would seem to have worked.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]


# Any text reaches the view (not only digits, as with Django's ``int`` converter), so that every
# wrong address is the API's own 404 in its error format, never the site's HTML page.
REPORT_ID_PARAMETER = OpenApiParameter(
    "report_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The report's id (`id` in the list)."
)


def _report_of_editor(request: Request, report_id: str) -> ContentReport:
    if not report_id.isascii() or not report_id.isdigit():
        raise NotFound(_("No report %(id)s in your organisations.") % {"id": report_id}, code="report_not_found")
    return staff_selectors.report_get_for_editor(user=request.user, report_id=int(report_id))


class StaffServiceListApi(StaffCatalogueApiView):
    """The services (drafts too) of the organisations where you are a catalogue editor."""

    class StaffServiceFilterSerializer(StaffPageFilterSerializer):
        status = serializers.ChoiceField(choices=["draft", "published"], required=False)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="staff_services_list",
        summary="List your organisations' services",
        tags=TAGS,
        parameters=[StaffServiceFilterSerializer],
        responses={200: StaffServiceListSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = validated_params(self.StaffServiceFilterSerializer, request)
        found = staff_selectors.services_for_editor(user=request.user)
        if params.get("status"):
            found = found.filter(status=params["status"])
        items = list(found)
        if params.get("overdue") is not None:
            items = [s for s in items if s.is_overdue_for_review() == params["overdue"]]
        page = items[params["offset"] : params["offset"] + params["limit"]]
        data = {
            "count": len(items),
            "limit": params["limit"],
            "offset": params["offset"],
            "results": [_summary(s) for s in page],
        }
        return Response(StaffServiceListSerializer(data).data)


class StaffServiceDetailApi(StaffCatalogueApiView):
    """One of your organisations' services, with every text, its readability and its channels."""

    class StaffServiceChangeSerializer(serializers.Serializer):
        texts = StaffTextsSerializer(required=False, help_text="Only the texts and languages to change.")
        channels = StaffChannelSerializer(many=True, required=False, help_text="Replaces the whole list.")
        duration_minutes = serializers.IntegerField(required=False)
        cost_amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, required=False)
        review_interval_days = serializers.IntegerField(required=False)
        department = serializers.IntegerField(allow_null=True, required=False)
        if_unchanged_since = serializers.DateTimeField(
            required=False,
            help_text="The `updated_at` you read: the change is refused (409) if someone changed it since.",
        )

    @extend_schema(
        operation_id="staff_services_retrieve",
        summary="One of your organisations' services",
        tags=TAGS,
        responses={200: StaffServiceSerializer, **ERRORS},
    )
    def get(self, request: Request, slug: str) -> Response:
        service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
        return Response(StaffServiceSerializer(_detail(service)).data)

    @extend_schema(
        operation_id="staff_services_partial_update",
        summary="Change texts, channels, duration, cost or review interval of a service",
        tags=TAGS,
        request=StaffServiceChangeSerializer,
        responses={200: StaffServiceSerializer, **ERRORS},
    )
    def patch(self, request: Request, slug: str) -> Response:
        service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
        serializer = self.StaffServiceChangeSerializer(data=request.data)
        if not serializer.is_valid():
            raise first_error(serializer.errors)
        payload = dict(serializer.validated_data)
        since = payload.pop("if_unchanged_since", None)
        data: dict[str, Any] = {}
        for name, by_lang in (payload.pop("texts", None) or {}).items():
            for lang, text in by_lang.items():
                data[f"{name}_{lang}"] = text
        if "channels" in payload:
            data["channels"] = [
                {
                    "kind": c["kind"],
                    "url": c.get("url", ""),
                    "phone": c.get("phone", ""),
                    "order": c.get("order", index),
                    **{f"instructions_{lang}": (c.get("instructions") or {}).get(lang, "") for lang in LANGUAGES},
                }
                for index, c in enumerate(payload.pop("channels"))
            ]
        data.update(payload)
        services.service_update(actor=request.user, service=service, data=data, if_unchanged_since=since)
        return _service_response(request, slug)


class StaffServicePublishApi(StaffCatalogueApiView):
    @extend_schema(
        operation_id="staff_services_publish",
        summary="Publish a service (it needs a title, a summary and a channel)",
        tags=TAGS,
        request=None,
        responses={200: StaffServiceSerializer, **ERRORS},
    )
    def post(self, request: Request, slug: str) -> Response:
        service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
        services.service_publish(actor=request.user, service=service)
        return _service_response(request, slug)


class StaffServiceUnpublishApi(StaffCatalogueApiView):
    @extend_schema(
        operation_id="staff_services_unpublish",
        summary="Unpublish a service (it becomes a draft)",
        tags=TAGS,
        request=None,
        responses={200: StaffServiceSerializer, **ERRORS},
    )
    def post(self, request: Request, slug: str) -> Response:
        service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
        services.service_unpublish(actor=request.user, service=service)
        return _service_response(request, slug)


class StaffServiceMarkReviewedApi(StaffCatalogueApiView):
    @extend_schema(
        operation_id="staff_services_mark_reviewed",
        summary="Record that the whole sheet was checked today",
        tags=TAGS,
        request=None,
        responses={200: StaffServiceSerializer, **ERRORS},
    )
    def post(self, request: Request, slug: str) -> Response:
        service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
        services.service_mark_reviewed(actor=request.user, service=service)
        return _service_response(request, slug)


def _service_response(request: Request, slug: str) -> Response:
    """The service as it is now, read again through the scoped selector."""
    service = staff_selectors.service_get_for_editor(user=request.user, slug=slug)
    return Response(StaffServiceSerializer(_detail(service)).data)


class StaffReportListApi(StaffCatalogueApiView):
    """Citizens' reports on your organisations' services, newest first."""

    class StaffReportFilterSerializer(StaffPageFilterSerializer):
        status = serializers.ChoiceField(
            choices=[*ReportStatus.values, "all"], required=False, default=ReportStatus.OPEN, help_text="Default: open."
        )

    @extend_schema(
        operation_id="staff_reports_list",
        summary="List citizens' reports on your organisations' services",
        tags=TAGS,
        parameters=[StaffReportFilterSerializer],
        responses={200: StaffReportListSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = validated_params(self.StaffReportFilterSerializer, request)
        status = None if params["status"] == "all" else params["status"]
        reports = staff_selectors.reports_for_editor(user=request.user, status=status)
        count = reports.count()
        page = reports[params["offset"] : params["offset"] + params["limit"]]
        data = {
            "count": count,
            "limit": params["limit"],
            "offset": params["offset"],
            "results": [_report(r) for r in page],
        }
        return Response(StaffReportListSerializer(data).data)


class StaffReportResolveApi(StaffCatalogueApiView):
    @extend_schema(
        operation_id="staff_reports_resolve",
        parameters=[REPORT_ID_PARAMETER],
        summary="Mark a report resolved: the sheet was fixed",
        tags=TAGS,
        request=None,
        responses={200: StaffReportSerializer, **ERRORS},
    )
    def post(self, request: Request, report_id: str) -> Response:
        report = _report_of_editor(request, report_id)
        services.content_report_resolve(actor=request.user, report=report)
        return Response(StaffReportSerializer(_report(report)).data)


class StaffReportDismissApi(StaffCatalogueApiView):
    @extend_schema(
        operation_id="staff_reports_dismiss",
        parameters=[REPORT_ID_PARAMETER],
        summary="Dismiss a report: nothing needed changing",
        tags=TAGS,
        request=None,
        responses={200: StaffReportSerializer, **ERRORS},
    )
    def post(self, request: Request, report_id: str) -> Response:
        report = _report_of_editor(request, report_id)
        services.content_report_dismiss(actor=request.user, report=report)
        return Response(StaffReportSerializer(_report(report)).data)


urlpatterns = [
    path("services/", StaffServiceListApi.as_view(), name="api-staff-services"),
    path("services/<str:slug>/", StaffServiceDetailApi.as_view(), name="api-staff-service-detail"),
    path("services/<str:slug>/publish/", StaffServicePublishApi.as_view(), name="api-staff-service-publish"),
    path("services/<str:slug>/unpublish/", StaffServiceUnpublishApi.as_view(), name="api-staff-service-unpublish"),
    path(
        "services/<str:slug>/mark-reviewed/",
        StaffServiceMarkReviewedApi.as_view(),
        name="api-staff-service-mark-reviewed",
    ),
    path("reports/", StaffReportListApi.as_view(), name="api-staff-reports"),
    path("reports/<str:report_id>/resolve/", StaffReportResolveApi.as_view(), name="api-staff-report-resolve"),
    path("reports/<str:report_id>/dismiss/", StaffReportDismissApi.as_view(), name="api-staff-report-dismiss"),
]
