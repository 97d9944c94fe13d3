"""The queue's public pages, under the language prefix: the kiosk, the citizen's ticket page, the display screens."""

from django.urls import path

from loket.queueing import display_views, views

urlpatterns = [
    path("kiosk/<slug:location_slug>/", views.kiosk, name="queue-kiosk"),
    path("kiosk/<slug:location_slug>/ticket/", views.kiosk_take, name="queue-kiosk-take"),
    path("kiosk/<slug:location_slug>/check-in/", views.kiosk_check_in, name="kiosk-check-in"),
    path("ticket/<str:key>/", views.ticket_page, name="ticket-page"),
    path("ticket/<str:key>/status/", views.ticket_status, name="ticket-status"),
    path("display/<str:key>/", display_views.display, name="display-screen"),
    path("display/<str:key>/calls.json", display_views.display_calls, name="display-calls"),
]
