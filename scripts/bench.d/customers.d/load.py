"""GET JSON routes sequentially over one keep-alive connection with a bearer token; print, per route, latency
percentiles and how many items the last answer held, as JSON.

usage: load.py HOST PORT TOKEN WARMUP REQUESTS NAME=PATH...
"""
import http.client
import json
import sys
import time

host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
warmup, requests = int(sys.argv[4]), int(sys.argv[5])
routes = [arg.split("=", 1) for arg in sys.argv[6:]]
conn = http.client.HTTPConnection(host, port, timeout=120)
headers = {"Authorization": "Bearer " + token}


def get(path):
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit("GET %s answered %d: %s" % (path, response.status, body[:300]))
    return body


results = {}
for name, path in routes:
    for _ in range(warmup):
        get(path)
    times = []
    body = b"{}"
    for _ in range(requests):
        start = time.perf_counter()
        body = get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(round(p / 100 * len(times) + 0.5)) - 1)]

    items = json.loads(body).get("items")
    results[name] = {"p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "items": len(items) if isinstance(items, list) else 0}
print(json.dumps(results))
