"""What every API view shares: the error format and query-parameter validation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from loket.core.errors import DomainError


class ErrorSerializer(serializers.Serializer):
    """The body of every error the API returns (documented in the OpenAPI schema)."""

    class Meta:
        ref_name = "Error"

    code = serializers.CharField(help_text="Stable machine-readable error code, e.g. 'not_found'.")
    message = serializers.CharField(help_text="What went wrong, in the request's language.")
    field = serializers.CharField(allow_null=True, help_text="The parameter or field at fault, if any.")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become ``{"code", "message", "field"}`` with their HTTP status."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    return drf_exception_handler(exc, context)


def first_error(errors: Any, prefix: str = "") -> DomainError:
    """DRF's (possibly nested) validation errors as one ``DomainError`` naming the field at fault.

    Nested fields are named by path (``texts.title.nl``, ``channels.0.kind``); errors about the
    whole body (``non_field_errors``) name no field.
    """
    if isinstance(errors, dict):
        name, inner = next(iter(errors.items()))
        if name == "non_field_errors" and not prefix:
            return first_error(inner)
        return first_error(inner, f"{prefix}.{name}" if prefix else str(name))
    if isinstance(errors, list):
        for index, inner in enumerate(errors):
            if inner:
                if isinstance(inner, dict | list):
                    return first_error(inner, f"{prefix}.{index}")
                return DomainError(str(inner), code=getattr(inner, "code", None) or "invalid", field=prefix or None)
    return DomainError(str(errors), code=getattr(errors, "code", None) or "invalid", field=prefix or None)


def validated_body(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The request's body, checked; the first problem becomes a 400 ``DomainError`` naming its field."""
    serializer = serializer_class(data=request.data)
    if not serializer.is_valid():
        raise first_error(serializer.errors)
    return dict(serializer.validated_data)


def validated_params(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The query parameters, checked; the first problem becomes a 400 ``DomainError`` naming it."""
    serializer = serializer_class(data=request.query_params)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    name, problems = next(iter(serializer.errors.items()))
    raise DomainError(f"{name}: {problems[0]}", code="invalid_parameter", field=name)


class LoketApiView(APIView):
    """What the API views share: staff by token or session, JSON only, every error as ``{"code", "message", "field"}``.

    JSON only: a cross-site HTML form cannot send it without a CORS preflight, so another site
    cannot make a visitor's browser act in their name (the session's writes also need CSRF).
    Who may do what is each view's (and its services') business: ``AllowAny`` here.
    """

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        if isinstance(exc, APIException) and isinstance(exc.detail, str):
            # DRF's own errors (malformed JSON, CSRF, throttled) in the same shape as ours.
            code = getattr(exc.detail, "code", None) or exc.default_code
            response.data = {"code": code, "message": str(exc.detail), "field": None}
        return response
