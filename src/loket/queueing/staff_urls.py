"""The queue's staff pages (under /staff/queue/): a clerk's desk and reception's overview.

Also the staff check-in of an appointment, which gives a queue ticket; it keeps its URL name
``appointments-staff-check-in`` so the appointment pages post to it as before.
"""

from django.urls import path

from loket.queueing import staff_views

urlpatterns = [
    path("", staff_views.desk, name="queue-staff-desk"),
    path("desk/open/", staff_views.desk_open, name="queue-staff-desk-open"),
    path("desk/call/", staff_views.desk_call, name="queue-staff-desk-call"),
    path("desk/pause/", staff_views.desk_pause, name="queue-staff-desk-pause"),
    path("desk/close/", staff_views.desk_close, name="queue-staff-desk-close"),
    path("desk/waiting/", staff_views.desk_waiting, name="queue-staff-desk-waiting"),
    path("tickets/<int:pk>/recall/", staff_views.ticket_recall_view, name="queue-staff-recall"),
    path("tickets/<int:pk>/start/", staff_views.ticket_start_view, name="queue-staff-start"),
    path("tickets/<int:pk>/finish/", staff_views.ticket_finish_view, name="queue-staff-finish"),
    path("tickets/<int:pk>/no-show/", staff_views.ticket_no_show_view, name="queue-staff-no-show"),
    path("tickets/<int:pk>/return/", staff_views.ticket_return_view, name="queue-staff-return"),
    path("tickets/<int:pk>/assisted/", staff_views.ticket_assisted_view, name="queue-staff-assisted"),
    path("tickets/<int:pk>/transfer/", staff_views.ticket_transfer_view, name="queue-staff-transfer"),
    path("reception/", staff_views.reception, name="queue-staff-reception"),
    path("reception/states/", staff_views.reception_states, name="queue-staff-reception-states"),
    path("reception/<slug:location_slug>/issue/", staff_views.reception_issue, name="queue-staff-issue"),
    path("check-in/<str:reference>/", staff_views.check_in, name="appointments-staff-check-in"),
]
