"""STUB: routes come with the catalogue work."""

urlpatterns: list = []
