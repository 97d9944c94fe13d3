"""The survey pages, under /<lang>/survey/: the citizen's form by its secret, the thanks, the exit tablet."""

from django.urls import URLPattern, path

from loket.feedback import views

urlpatterns: list[URLPattern] = [
    path("thanks/", views.survey_thanks, name="survey-thanks"),
    path("tablet/<slug:location_slug>/<str:key>/", views.survey_tablet, name="survey-tablet"),
    path("<str:secret>/", views.survey_answer, name="survey-answer"),
]
