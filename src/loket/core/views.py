"""Health probes for the load balancer and the orchestrator.

- ``/health/live/`` (liveness): the process answers. It touches nothing else, so a database
  outage never gets healthy processes restarted.
- ``/health/ready/`` (readiness), and ``/health/`` for the probes set up before the split: the
  database answers, no migration is unapplied, the cache works (``loket.core.health``). A 503
  names what failed, so the load balancer takes the process out of rotation until it is back.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from loket.core.health import readiness_problems


@never_cache
def health_live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process runs and answers; no database, no cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def health_ready(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database, its migrations and the cache are fine; 503 naming each failure."""
    problems = readiness_problems()
    if problems:
        return JsonResponse({"status": "unavailable", "failed": problems}, status=503)
    return JsonResponse({"status": "ok"})


# The probes set up before liveness and readiness were split keep their meaning: readiness.
health = health_ready
