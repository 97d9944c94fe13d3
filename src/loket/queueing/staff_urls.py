"""The queue's staff pages (under /staff/queue/): a clerk's desk and reception's overview."""

urlpatterns: list = []
