"""Loaded as a pytest plugin (``-p tests.testenv``) before Django's settings are read."""

import os

os.environ.setdefault("LOKET_TESTING", "1")
os.environ.setdefault("LOKET_HTTPS", "0")
os.environ.setdefault("LOKET_SEARCH_MODEL", "1")
