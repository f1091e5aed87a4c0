"""GET one URL sequentially over one keep-alive connection; print latency percentiles as JSON.

usage: load.py HOST PORT PATH TOKEN WARMUP REQUESTS
"""
import http.client
import json
import sys
import time

host, port, path, token = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
warmup, requests = int(sys.argv[5]), int(sys.argv[6])
conn = http.client.HTTPConnection(host, port, timeout=30)
headers = {"Authorization": "Bearer " + token}


def get():
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit("GET %s answered %d: %s" % (path, response.status, body[:500]))
    return body


for _ in range(warmup):
    body = get()
samples = []
for _ in range(requests):
    start = time.perf_counter()
    body = get()
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()


def percentile(p):
    index = max(0, min(len(samples) - 1, int(-(-p * len(samples) // 1)) - 1))
    return samples[index]


print(json.dumps({
    "count": json.loads(body).get("count"),
    "bytes": len(body),
    "p50_ms": percentile(0.50),
    "p95_ms": percentile(0.95),
    "p99_ms": percentile(0.99),
}))
