"""Loket's own settings, with one more URL: the benchmark's trivial JSON view (``bench_urls``).

Everything else (middleware, database, cache, throttles) is ``loket.settings`` as the environment
sets it, so the trivial view goes through the same stack as every request of the rush.
"""

from loket.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
# The manifest of hashed names without the compressed copies: ``{% static %}`` looks names up in
# the same manifest as in production, and ``collectstatic`` takes seconds instead of more than a
# minute (gzip and brotli of every file). The benchmark asks for no static file.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # noqa: F405
