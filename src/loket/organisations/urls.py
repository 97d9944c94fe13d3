"""Staff pages of the organisations app, under ``/<lang>/staff/``."""

from django.urls import path

from loket.organisations import views

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("login/", views.StaffLoginView.as_view(), name="staff-login"),
    path("logout/", views.StaffLogoutView.as_view(), name="staff-logout"),
    path("login/code/", views.staff_otp_verify, name="staff-otp-verify"),
    path("login/code/set-up/", views.staff_otp_setup, name="staff-otp-setup"),
]
