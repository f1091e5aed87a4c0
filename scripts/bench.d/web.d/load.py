"""Sign in through the page, then GET pages sequentially over one keep-alive connection with the session cookie,
taking gzip as a browser does; print, per page, latency percentiles, the HTML's size, and the page's weight on the
wire (the HTML and the stylesheet and script it links, as sent) as JSON.

usage: load.py HOST PORT ORG EMAIL PASSWORD WARMUP REQUESTS NAME=PATH...
"""
import http.client
import json
import re
import sys
import time
import urllib.parse
import zlib

host, port, org, email, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
warmup, requests = int(sys.argv[6]), int(sys.argv[7])
pages = [arg.split("=", 1) for arg in sys.argv[8:]]
conn = http.client.HTTPConnection(host, port, timeout=60)

form = urllib.parse.urlencode({"org": org, "email": email, "password": password, "next": "/"})
conn.request("POST", "/login", body=form, headers={
    "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
response = conn.getresponse()
response.read()
if response.status != 303:
    sys.exit("sign-in answered %d" % response.status)
cookie = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") if "session" in c)
headers = {"Cookie": cookie, "Accept-Encoding": "gzip"}


def get(path):
    """The body as sent, and as read."""
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    sent = response.read()
    if response.status != 200:
        sys.exit("GET %s answered %d: %s" % (path, response.status, sent[:300]))
    body = zlib.decompress(sent, 16 + zlib.MAX_WBITS) if response.getheader("Content-Encoding") == "gzip" else sent
    return sent, body


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


results = {}
for name, path in pages:
    for _ in range(warmup):
        sent, body = get(path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        sent, body = get(path)
        samples.append((time.perf_counter() - start) * 1000)
    assets = re.findall(rb'(?:href|src)="(/assets/[^"]+)"', body)
    weight = len(sent) + sum(len(get(asset.decode())[0]) for asset in set(assets))
    results[name] = {
        "p50_ms": percentile(samples, 50), "p95_ms": percentile(samples, 95), "p99_ms": percentile(samples, 99),
        "html_bytes": len(body), "page_bytes": weight,
    }
print(json.dumps(results))
