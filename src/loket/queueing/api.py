"""Walk-in queue API (``/api/v1/``): waiting times for a website, tickets for reception systems, a ticket's state.

For the municipality's website ("waiting now at the quick counter: about 10 minutes"), a
reception or e-counter system that gives tickets, and an app that follows a ticket. One class per
operation; reads through ``selectors``, writes through ``services`` (permission, validation, the
queue's lock, the event).

Who may do what:

- Anyone: the queues of a location with how many wait and the estimated wait; a ticket's state
  by its 128-bit key (the key is the secret: a wrong one is 404, like an unknown one).
- Staff (``Authorization: Token <key>`` or the Django session) of the location's organisation
  with a queue role: give a ticket, as reception does. Citizens take theirs at the kiosk; an
  anonymous API that hands out places in line would be a bot's gift.

Errors are ``{"code", "message", "field"}`` in the request's language (``loket.core.api``).
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from loket.catalog.models import Service
from loket.core.api import THROTTLED, TOKEN_REFUSED, ErrorSerializer, LoketApiView, validated_body
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.core.i18n import current_language, translated
from loket.organisations.models import Location
from loket.queueing import messages, services
from loket.queueing.models import Queue, Ticket
from loket.queueing.selectors import queue_states, ticket_by_key, ticket_state
from loket.queueing.services import LANGUAGES

TAGS = ["queue"]


class QueueApiView(LoketApiView):
    """Errors in the project's format; staff by token or session (``core.api.LoketApiView``)."""


def _location(slug: str) -> Location:
    location = Location.objects.select_related("organisation").filter(slug=slug).first()
    if location is None:
        raise NotFound(_("Unknown location."))
    return location


class QueueStateSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The queue's identifier within its location.")
    name = serializers.CharField(help_text="As shown at the kiosk, in the request's language.")
    kind = serializers.CharField(help_text="quick, theme or reception.")
    prefix = serializers.CharField(help_text="Letter(s) before the ticket numbers, e.g. S for S012.")
    walk_in = serializers.BooleanField(help_text="Whether the kiosk gives tickets for it (false: appointments only).")
    waiting = serializers.IntegerField(help_text="Tickets waiting now.")
    longest_wait_minutes = serializers.IntegerField(help_text="How long the longest-waiting ticket has waited.")
    open_desks = serializers.IntegerField(help_text="Desks open for this queue now (not paused).")
    estimate_minutes = serializers.IntegerField(
        allow_null=True, help_text="Estimated wait for a ticket taken now; null while no desk is open for it."
    )


class TicketStateSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The number as called, e.g. S012.")
    queue = serializers.CharField(help_text="The queue's name, in the request's language.")
    status = serializers.CharField(help_text="waiting, called, serving, done, no_show or not_served.")
    ahead = serializers.IntegerField(allow_null=True, help_text="People before this ticket; null once called.")
    estimate_minutes = serializers.IntegerField(
        allow_null=True, help_text="Estimated wait; null once called or while no desk is open."
    )
    your_turn = serializers.BooleanField(help_text="Called: go to `desk`.")
    desk = serializers.CharField(allow_blank=True, help_text="The desk it is called to, when called.")
    page_url = serializers.URLField(help_text="The ticket's page for the citizen (the QR code's address).")


def _ticket_data(ticket: Ticket) -> dict[str, Any]:
    state = ticket_state(ticket=ticket)
    return {
        "code": ticket.code,
        "queue": translated(ticket.queue, "name", current_language()).text,
        "status": ticket.status,
        "ahead": state.ahead,
        "estimate_minutes": state.estimate_minutes,
        "your_turn": state.your_turn,
        "desk": ticket.desk.name if state.your_turn and ticket.desk else "",
        "page_url": messages.ticket_url(ticket),
    }


class LocationQueuesApi(QueueApiView):
    """The queues of a location, with how many wait and the estimated wait."""

    @extend_schema(
        operation_id="location_queues_list",
        summary="Queues of a location with their waiting times",
        tags=TAGS,
        responses={200: QueueStateSerializer(many=True), 401: TOKEN_REFUSED, 404: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: Request, slug: str) -> Response:
        language = current_language()
        rows = [
            {
                "slug": state.queue.slug,
                "name": translated(state.queue, "name", language).text,
                "kind": state.queue.kind,
                "prefix": state.queue.prefix,
                "walk_in": state.queue.walk_in,
                "waiting": state.waiting,
                "longest_wait_minutes": state.longest_wait_minutes,
                "open_desks": state.open_desks,
                "estimate_minutes": state.estimate_minutes,
            }
            for state in queue_states(location=_location(slug))
        ]
        return Response(QueueStateSerializer(rows, many=True).data)


class TicketIssueApi(QueueApiView):
    """Give a ticket, as reception does (staff only)."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "TicketIssueInput"

        queue = serializers.SlugField(help_text="The queue's slug at this location.")
        service = serializers.SlugField(
            required=False, help_text="What the citizen comes for; leave out for a general question at reception."
        )
        language = serializers.ChoiceField(
            choices=LANGUAGES, required=False, help_text="Language to call and write in. Default: the request's."
        )
        phone = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="Mobile number for a text when the turn is near."
        )
        assisted = serializers.BooleanField(
            required=False, default=False, help_text="Needs help: called before other walk-ins (staff only)."
        )
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=300, help_text="For the desk."
        )

    @extend_schema(
        operation_id="location_tickets_create",
        summary="Give a ticket",
        tags=TAGS,
        request=InputSerializer,
        responses={
            201: TicketStateSerializer,
            400: ErrorSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            404: ErrorSerializer,
            429: THROTTLED,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Only staff can give tickets here. Citizens take theirs at the kiosk."))
        location = _location(slug)
        data = validated_body(self.InputSerializer, request)
        queue = Queue.objects.filter(location=location, slug=data["queue"], active=True).first()
        if queue is None:
            raise DomainError(_("This location has no such queue."), code="unknown_queue", field="queue")
        service = None
        if data.get("service"):
            service = Service.objects.filter(slug=data["service"]).first()
            if service is None:
                raise DomainError(_("Unknown service."), code="unknown_service", field="service")
        ticket = services.ticket_issue(
            actor=request.user,
            queue=queue,
            service=service,
            language=data.get("language") or current_language(),
            phone=data["phone"],
            assisted=data["assisted"],
            note=data["note"],
        )
        return Response(TicketStateSerializer(_ticket_data(ticket)).data, status=201)


class TicketStateApi(QueueApiView):
    """A ticket's place in line, by its key (the secret of its page)."""

    @extend_schema(
        operation_id="tickets_retrieve",
        summary="A ticket's state",
        tags=TAGS,
        responses={200: TicketStateSerializer, 401: TOKEN_REFUSED, 404: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: Request, key: str) -> Response:
        ticket = ticket_by_key(key=key)
        if ticket is None:
            raise NotFound(_("Unknown ticket."))
        return Response(TicketStateSerializer(_ticket_data(ticket)).data)


urlpatterns = [
    path("locations/<str:slug>/queues/", LocationQueuesApi.as_view(), name="api-location-queues"),
    path("locations/<str:slug>/tickets/", TicketIssueApi.as_view(), name="api-location-tickets"),
    path("tickets/<str:key>/", TicketStateApi.as_view(), name="api-ticket"),
]
