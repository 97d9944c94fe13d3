"""Nothing one process keeps in memory is needed by another: with ``LOKET_CACHE_URL`` the cache is Redis,
and two separate processes count the same rate limit and accept a proof-of-work challenge only once."""

from __future__ import annotations

import json
import secrets
from typing import Any

import redis

from tests.ops.support import REDIS_URL, loket_env, run_python

# One application process: its cache backend, then two tries against a limit of 3 a day per address,
# and the verdict on a used-once key (``cache.add``, as the proof-of-work challenge records it).
ONE_PROCESS = """
import json, sys
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
group, once_key = sys.argv[1], sys.argv[2]
request = RequestFactory().post("/nl/kiosk/", REMOTE_ADDR="203.0.113.9")
limited = [is_ratelimited(request, group=group, key="ip", rate="3/d", increment=True) for _ in range(2)]
first_use = cache.add(once_key, True, timeout=300)
print(json.dumps({"backend": settings.CACHES["default"]["BACKEND"], "limited": limited, "first_use": first_use}))
"""


def run_process(group: str, once_key: str, **env: str) -> dict[str, Any]:
    code = f"import sys; sys.argv = ['x', {group!r}, {once_key!r}]\n" + ONE_PROCESS
    result = run_python(code, loket_env(**env))
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_two_processes_share_rate_limits_and_used_challenges_through_redis(redis_db: redis.Redis) -> None:
    group, once_key = f"ops.{secrets.token_hex(4)}", f"ops-once-{secrets.token_hex(4)}"

    first = run_process(group, once_key, LOKET_CACHE_URL=REDIS_URL)
    second = run_process(group, once_key, LOKET_CACHE_URL=REDIS_URL)

    assert first["backend"] == second["backend"] == "django.core.cache.backends.redis.RedisCache"
    assert first["limited"] == [False, False]  # tries 1 and 2 of 3
    assert second["limited"] == [False, True]  # try 3 allowed, try 4 refused: the count went on
    assert (first["first_use"], second["first_use"]) == (True, False)
    assert any(key.startswith(b"loket:") for key in redis_db.scan_iter())  # it was Redis that held them
