"""Polls a query answering (state, seconds) until the state is final; prints the seconds, fails unless completed.

usage: wait.py PSQL URL QUERY TIMEOUT_SECONDS
"""
import subprocess
import sys
import time

psql, url, query, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
deadline = time.time() + timeout
while time.time() < deadline:
    out = subprocess.run([psql, "-qtAX", url, "-F", " ", "-c", query], capture_output=True, text=True, check=True).stdout.strip()
    state, _, seconds = out.partition(" ")
    if state == "completed":
        print(seconds)
        sys.exit(0)
    if state in ("discarded", "cancelled"):
        sys.exit("the job ended %s" % state)
    time.sleep(0.1)
sys.exit("gave up after %.0f s" % timeout)
