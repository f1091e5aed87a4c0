"""A stand-in server that follows the pages' DOM contract, for selftest.py.

Not Banso: the smallest site that does what the flows expect of Banso's pages
(sign-in at /login, 303s, a home page with the skip link, main#main h1, the
sign-out and language forms), written to be valid HTML with no axe violation,
so that the self-test can show the flows pass on a conforming site and fail
clearly on one that breaks the contract. `forget_email=True` breaks one rule:
a refused sign-in comes back without the e-mail.
"""

from __future__ import annotations

import html
import http.server
import secrets
import threading
import urllib.parse

STYLE = ("body{font-family:sans-serif;margin:0}header{display:flex;gap:1rem;padding:.5rem;flex-wrap:wrap}"
         ".skip-link{position:absolute;left:-9999px}.skip-link:focus{left:.5rem;top:.5rem;background:#fff}"
         "main{padding:1rem}")

TEXT = {
    "ja": {"title": "ホーム", "skip": "本文へ移動", "out": "ログアウト", "week": "今週の予定"},
    "en": {"title": "Home", "skip": "Skip to content", "out": "Sign out", "week": "My week"},
}


def document(lang: str, title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="icon" href="data:,"><title>{html.escape(title)} — Banso</title>'
            f"<style>{STYLE}</style></head><body>{body}</body></html>\n")


def login_page(org: str = "", email: str = "", error: str = "") -> str:
    alert = f'<p id="login-error" role="alert">{html.escape(error)}</p>' if error else ""
    return document("en", "Sign in", (
        '<main id="main"><h1>Sign in</h1>' + alert +
        '<form id="login" method="post" action="/login">'
        f'<p><label for="org">Organisation</label> <input id="org" name="org" value="{html.escape(org)}" required></p>'
        f'<p><label for="email">E-mail</label> <input id="email" name="email" type="email" '
        f'value="{html.escape(email)}" autocomplete="email" required></p>'
        '<p><label for="password">Password</label> <input id="password" name="password" type="password" '
        'autocomplete="current-password" required></p>'
        '<p><button type="submit">Sign in</button></p></form></main>'))


def home_page(lang: str, name: str) -> str:
    t = TEXT[lang]
    return document(lang, t["title"], (
        f'<a class="skip-link" href="#main">{t["skip"]}</a>'
        '<header><nav aria-label="Banso"><a href="/">Banso</a></nav>'
        '<form id="locale" method="post" action="/me/locale">'
        '<button type="submit" name="locale" value="ja" lang="ja">日本語</button> '
        '<button type="submit" name="locale" value="en" lang="en">English</button></form>'
        f'<form id="logout" method="post" action="/logout"><button type="submit">{t["out"]}</button></form>'
        f'</header><main id="main" tabindex="-1"><h1>{t["week"]}</h1><p>{html.escape(name)}</p></main>'))


class Stub:
    def __init__(self, demo: dict, forget_email: bool = False) -> None:
        self.demo = demo
        self.forget_email = forget_email
        self.sessions: dict[str, dict] = {}
        self.locales = {m["email"]: m.get("locale", "ja") for m in demo["members"]}
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def member(self) -> dict | None:
                for part in self.headers.get("Cookie", "").split(";"):
                    name, _, value = part.strip().partition("=")
                    if name == "session" and value in stub.sessions:
                        return stub.sessions[value]
                return None

            def form(self) -> dict[str, str]:
                length = int(self.headers.get("Content-Length") or 0)
                data = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                return {k: v[0] for k, v in data.items()}

            def send(self, status: int, body: str = "", location: str = "", cookie: str = "") -> None:
                data = body.encode()
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                if cookie:
                    self.send_header("Set-Cookie", cookie)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                path = urllib.parse.urlsplit(self.path).path
                if path == "/login":
                    self.send(200, login_page())
                elif path == "/":
                    member = self.member()
                    if not member:
                        self.send(303, location="/login")
                    else:
                        self.send(200, home_page(stub.locales[member["email"]], member.get("displayName", "")))
                else:
                    self.send(404, document("en", "Not found", '<main id="main"><h1>Not found</h1></main>'))

            def do_POST(self):  # noqa: N802
                path = urllib.parse.urlsplit(self.path).path
                form = self.form()
                if path == "/login":
                    for m in stub.demo["members"]:
                        if (form.get("org") == stub.demo["slug"] and form.get("email") == m["email"]
                                and form.get("password") == m["password"]):
                            token = secrets.token_urlsafe(16)
                            stub.sessions[token] = m
                            return self.send(303, location="/",
                                             cookie=f"session={token}; Path=/; HttpOnly; SameSite=Lax")
                    email = "" if stub.forget_email else form.get("email", "")
                    return self.send(422, login_page(form.get("org", ""), email,
                                                     "The organisation, e-mail or password is wrong."))
                member = self.member()
                if not member:
                    return self.send(303, location="/login")
                if path == "/logout":
                    for token, m in list(stub.sessions.items()):
                        if m is member:
                            del stub.sessions[token]
                    return self.send(303, location="/login", cookie="session=; Path=/; Max-Age=0")
                if path == "/me/locale" and form.get("locale") in ("ja", "en"):
                    stub.locales[member["email"]] = form["locale"]
                    return self.send(303, location="/")
                self.send(404, document("en", "Not found", '<main id="main"><h1>Not found</h1></main>'))

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


DEMO = {
    "slug": "demo",
    "members": [
        {"email": "owner@demo.banso.example", "password": "pw-demo-1", "role": "owner", "locale": "ja",
         "displayName": "Owner"},
        {"email": "sato@demo.banso.example", "password": "pw-demo-1", "role": "manager", "locale": "ja",
         "displayName": "佐藤 健"},
        {"email": "emily@demo.banso.example", "password": "pw-demo-1", "role": "csm", "locale": "en",
         "displayName": "Emily Clark"},
    ],
}
