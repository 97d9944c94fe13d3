"""Staff pages of appointments, under ``/<lang>/staff/appointments/``.

The check-in button posts to ``appointments-staff-check-in``, registered by ``loket.queueing.staff_urls``:
checking in gives a queue ticket, and this app does not import the queue.
"""

from django.urls import path

from loket.appointments import staff_views

urlpatterns = [
    path("", staff_views.day, name="appointments-staff-day"),
    path("book/", staff_views.book, name="appointments-staff-book"),
    path("<str:reference>/", staff_views.detail, name="appointments-staff-detail"),
    path("<str:reference>/booked/", staff_views.booked, name="appointments-staff-booked"),
    path("<str:reference>/cancel/", staff_views.cancel, name="appointments-staff-cancel"),
    path("<str:reference>/move/", staff_views.move, name="appointments-staff-move"),
    path("<str:reference>/documents/<int:document_id>/", staff_views.document, name="appointments-staff-document"),
]
