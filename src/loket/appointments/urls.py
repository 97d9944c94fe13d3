"""The citizen's appointment pages, under the language prefix (``/nl/``, ``/fr/``, ``/en/``)."""

from django.urls import path

from loket.appointments import views

urlpatterns = [
    path("appointments/book/", views.book, name="appointment-book"),
    path("appointments/<str:reference>/<str:secret>/", views.manage, name="appointment-manage"),
    path("appointments/<str:reference>/<str:secret>/cancel/", views.cancel, name="appointment-cancel"),
    path("appointments/<str:reference>/<str:secret>/move/", views.move, name="appointment-move"),
    path("appointments/<str:reference>/<str:secret>/documents/", views.add_documents, name="appointment-documents"),
    path("appointments/<str:reference>/<str:secret>/calendar.ics", views.calendar_file, name="appointment-calendar"),
    path("waiting-list/join/", views.waiting_list_join_view, name="waiting-list-join"),
    path("waiting-list/<int:entry_id>/<str:secret>/", views.waiting_list_entry, name="waiting-list-entry"),
]
