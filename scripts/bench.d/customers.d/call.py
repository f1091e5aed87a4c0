"""One request with a bearer token; the body is a file's bytes when a FILE is given (sent as text/csv). Prints the
answer's body; fails on a status of 400 or more.

usage: call.py METHOD URL TOKEN [FILE]
"""
import sys
import urllib.request

method, url, token = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(sys.argv[4], "rb").read() if len(sys.argv) > 4 else b""
request = urllib.request.Request(url, data=data, method=method, headers={
    "Authorization": "Bearer " + token, "Content-Type": "text/csv" if len(sys.argv) > 4 else "application/json"})
try:
    with urllib.request.urlopen(request, timeout=300) as response:
        sys.stdout.write(response.read().decode())
except urllib.error.HTTPError as error:
    sys.exit("%s %s answered %d: %s" % (method, url, error.code, error.read()[:500].decode(errors="replace")))
