"""Staff pages of contacts and requests, under /<lang>/staff/contacts/."""

from django.urls import URLPattern, path

from loket.contacts import views

urlpatterns: list[URLPattern] = [
    path("", views.agent, name="contacts-agent"),
    path("catalogue/", views.catalogue, name="contacts-catalogue"),
    path("catalogue/<slug:slug>/", views.sheet, name="contacts-service-sheet"),
    path("<int:pk>/", views.contact_detail, name="contacts-contact"),
    path("<int:pk>/hand-over/", views.handover, name="contacts-handover"),
    path("<int:pk>/appointment/", views.contact_appointment, name="contacts-contact-appointment"),
    path("requests/", views.work_list, name="contacts-requests"),
    path("requests/overdue/", views.overdue, name="contacts-overdue"),
    path("requests/<int:pk>/", views.request_detail, name="contacts-request"),
    path("requests/<int:pk>/status/", views.request_status, name="contacts-request-status"),
    path("requests/<int:pk>/assign/", views.request_assign, name="contacts-request-assign"),
    path("requests/<int:pk>/note/", views.request_note, name="contacts-request-note"),
    path("requests/<int:pk>/message/", views.request_message, name="contacts-request-message"),
    path("requests/<int:pk>/files/<int:file_pk>/", views.request_file, name="contacts-request-file"),
]
