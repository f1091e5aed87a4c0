"""Call JSON routes sequentially over one keep-alive connection with a bearer token; print, per route, latency
percentiles and how many agenda items (or list items) the last answer held, as JSON.

usage: load.py HOST PORT TOKEN WARMUP REQUESTS NAME=METHOD:PATH...
"""
import http.client
import json
import sys
import time

host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
warmup, requests = int(sys.argv[4]), int(sys.argv[5])
routes = [(name, *target.split(":", 1)) for name, target in (arg.split("=", 1) for arg in sys.argv[6:])]
conn = http.client.HTTPConnection(host, port, timeout=120)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}


def call(method, path):
    conn.request(method, path, body=b"" if method == "POST" else None, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit("%s %s answered %d: %s" % (method, path, response.status, body[:300]))
    return body


def items(answer):
    """An agenda's items (summed over its sections), or a list's."""
    if isinstance(answer.get("sections"), list):
        return sum(len(section.get("items") or []) for section in answer["sections"])
    return len(answer["items"]) if isinstance(answer.get("items"), list) else 0


results = {}
for name, method, path in routes:
    for _ in range(warmup):
        call(method, path)
    times = []
    body = b"{}"
    for _ in range(requests):
        start = time.perf_counter()
        body = call(method, path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(round(p / 100 * len(times) + 0.5)) - 1)]

    answer = json.loads(body)
    sections = answer.get("sections") if isinstance(answer.get("sections"), list) else []
    results[name] = {
        "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "items": items(answer),
        "sections": {s.get("key", "?"): len(s.get("items") or []) for s in sections},
    }
print(json.dumps(results))
