"""What every API view shares: the base view, the error format, query-parameter validation, and the
answers any operation may give besides its own (a wrong token, too many requests)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from loket.core.errors import DomainError, NotFound


class ErrorSerializer(serializers.Serializer):
    """The body of every error the API returns (documented in the OpenAPI schema)."""

    class Meta:
        ref_name = "Error"

    code = serializers.CharField(help_text="Stable machine-readable error code, e.g. 'not_found'.")
    message = serializers.CharField(help_text="What went wrong, in the request's language.")
    field = serializers.CharField(allow_null=True, help_text="The parameter or field at fault, if any.")


# Every view that reads a token answers a wrong one with 401 (``WWW-Authenticate: Token``); no token
# at all is simply an anonymous call.
TOKEN_REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="The `Authorization: Token` header holds no valid token (`authentication_failed`). "
    "Leave it out to call anonymously.",
)

# Anonymous callers are limited per address (DRF's ``AnonRateThrottle``, ``LOKET_API_ANON_RATE``)
# on every operation that lets them in.
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description="Too many requests from this address (`throttled`): wait the seconds in `Retry-After`.",
)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become ``{"code", "message", "field"}`` with their HTTP status.

    So do DRF's own errors (not signed in, malformed JSON, CSRF, throttled, method not allowed) in
    every API view, also those that are not a ``LoketApiView``: the schema promises one error shape.
    """
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):  # as DRF's own handler does, but keeping the code for our shape
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, APIException) and isinstance(exc.detail, str):
        code = getattr(exc.detail, "code", None) or exc.default_code
        response.data = {"code": code, "message": str(exc.detail), "field": None}
    return response


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
    """The query parameters, checked; the first problem becomes a 400 ``DomainError`` naming it.

    An optional parameter given without a value (``?start=``) is refused, not read as left out: it
    is no date, no number, no language, and a client that sends one has a bug it should hear about.
    Only text that may be blank (``q``) may be empty.
    """
    serializer = serializer_class(data=request.query_params)
    for name, field in serializer.fields.items():
        if request.query_params.get(name) == "" and not getattr(field, "allow_blank", False):
            raise DomainError(
                _("%(name)s: give a value, or leave the parameter out.") % {"name": name},
                code="invalid_parameter",
                field=name,
            )
    if serializer.is_valid():
        return dict(serializer.validated_data)
    name, problems = next(iter(serializer.errors.items()))
    raise DomainError(f"{name}: {problems[0]}", code="invalid_parameter", field=name)


class ApiView(APIView):
    """What every API view shares: a path parameter with a NUL character in it names nothing (404).

    The routes take any text (``<str:...>``), so that a wrong address is always this API's own 404
    in its error format; PostgreSQL cannot even compare text with a NUL in it, so such text never
    reaches a query.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if any(isinstance(value, str) and "\x00" in value for value in kwargs.values()):
            raise NotFound(_("There is nothing at this address."))


class LoketApiView(ApiView):
    """What the API views share: staff by token or session, JSON only, every error as ``{"code", "message", "field"}``.

    JSON only: a cross-site HTML form cannot send it without a CORS preflight, so another site
    cannot make a visitor's browser act in their name (the session's writes also need CSRF).
    Who may do what is each view's (and its services') business: ``AllowAny`` here. DRF's own
    errors (malformed JSON, CSRF, throttled) come in the same shape as ours (``exception_handler``).
    """

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """An address under ``/api/`` that no operation has: the API's 404, not the site's HTML page."""
    error = NotFound(_("There is no API operation at this address: see /api/docs/."))
    return JsonResponse(error.as_dict(), status=error.status)
