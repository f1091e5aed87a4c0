"""Create the bench's meeting body through the API: the company's monthly `decide` meeting on day DAY at 10:00
(its standard template), facilitated by FACILITATOR, with every member id read from stdin (one a line) taking part.
Prints the body's id.

usage: create_body.py BASE_URL TOKEN COMPANY FACILITATOR DAY < member-ids
"""
import json
import sys
import urllib.request

base, token, company, facilitator, day = sys.argv[1:6]
members = [line.strip() for line in sys.stdin if line.strip()]
body = {
    "name": "Enterprise 月次判断会議", "purpose": "decide", "objective": "更新・拡大・失注リスクの打ち手をその場で決める",
    "company_id": company, "facilitator_id": facilitator, "participants": [{"member_id": m} for m in members],
    "cadence": {"type": "monthly_day", "day": int(day), "at": "10:00"}, "duration_minutes": 60,
}
request = urllib.request.Request(base + "/v1/meeting-bodies", data=json.dumps(body).encode(), method="POST", headers={
    "Authorization": "Bearer " + token, "Content-Type": "application/json"})
try:
    with urllib.request.urlopen(request, timeout=120) as response:
        print(json.load(response)["id"])
except urllib.error.HTTPError as error:
    sys.exit("POST /v1/meeting-bodies answered %d: %s" % (error.code, error.read()[:500].decode(errors="replace")))
