#!/usr/bin/env python3
"""A real SMTP server for the Mail tests: aiosmtpd on a free loopback port, keeping every message.

    smtp_sink.py SPOOL [--starttls | --tls] [--auth USER:PASSWORD] [--auth-without-tls] [--pipelining]

Binds 127.0.0.1 on a port the kernel picks, then writes SPOOL/ready.json ({"port": N, "cert": PATH|null}).
Each accepted message becomes SPOOL/NNNN.eml (the bytes received, dot-stuffing undone) and then, atomically,
SPOOL/NNNN.json: the envelope, and the message as Python's `email` package (policy.default) reads it, so the
tests check what a real mail parser makes of the client's output rather than what the client meant.

Recipients whose local part is `reject` are refused with 550, `tempfail` with 451.
--starttls offers STARTTLS (and requires it before MAIL) with a self-signed certificate for 127.0.0.1 and
localhost made by the `openssl` command at start; --tls speaks TLS from the first byte (SMTPS).
--auth requires AUTH (PLAIN or LOGIN) with these credentials, over TLS unless --auth-without-tls.
--pipelining advertises PIPELINING (aiosmtpd reads pipelined commands in order either way, but does not say so).
The server exits on SIGTERM, and by itself when the process that started it dies.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    sys.stderr.write(
        f"smtp_sink: aiosmtpd is not installed for {sys.executable}; run scripts/test, which installs it "
        "(or point BANSO_TEST_PYTHON at a Python that has it)\n")
    sys.exit(3)

import email
import email.policy


def make_certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def describe(data):
    """What Python's email parser makes of the message."""
    message = email.message_from_bytes(data, policy=email.policy.default)

    def addresses(name):
        header = message[name]
        if header is None:
            return None
        return [{"display_name": a.display_name, "address": a.addr_spec} for a in header.addresses]

    def body(kind):
        part = message.get_body(preferencelist=(kind,))
        if part is None or part.get_content_type() != f"text/{kind}":
            return None
        return part.get_content()

    defects = [repr(d) for part in message.walk() for d in part.defects]
    defects += [f"{name}: {d!r}" for name, value in message.items() for d in getattr(value, "defects", ())]
    return {
        "subject": message["subject"],
        "from": addresses("from"),
        "to": addresses("to"),
        "reply_to": addresses("reply-to"),
        "content_type": message.get_content_type(),
        "text": body("plain"),
        "html": body("html"),
        "headers": [[name, str(value)] for name, value in message.items()],
        "defects": defects,
    }


class Handler:
    def __init__(self, spool, pipelining):
        self.spool = spool
        self.pipelining = pipelining
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local == "reject":
            return "550 5.1.1 <%s>: no such user here" % address
        if local == "tempfail":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.spool, "%04d" % self.count)
        data = envelope.original_content
        with open(base + ".eml", "wb") as f:
            f.write(data)
        record = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "message": describe(data),
        }
        with open(base + ".json.tmp", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 2.0.0 OK queued as %04d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spool")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--auth-without-tls", action="store_true")
    parser.add_argument("--pipelining", action="store_true")
    options = parser.parse_args()

    cert, context = make_certificate(options.spool) if (options.starttls or options.tls) else (None, None)
    authenticator = None
    if options.auth:
        user, password = options.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword)
                  and data.login == user.encode() and data.password == password.encode())
            # handled=False: aiosmtpd sends the 235 or 535 itself.
            return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

    handler = Handler(options.spool, options.pipelining)

    def factory():
        return SMTP(
            handler,
            hostname="sink.banso.test",
            tls_context=context if options.starttls else None,
            require_starttls=options.starttls,
            authenticator=authenticator,
            auth_required=authenticator is not None,
            # With SMTPS the whole session is TLS, but aiosmtpd only counts STARTTLS as TLS.
            auth_require_tls=not (options.auth_without_tls or options.tls),
            timeout=30,
        )

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, host="127.0.0.1", port=0,
                                          ssl=context if options.tls else None)
        port = server.sockets[0].getsockname()[1]
        ready = os.path.join(options.spool, "ready.json")
        with open(ready + ".tmp", "w") as f:
            json.dump({"port": port, "cert": cert}, f)
        os.rename(ready + ".tmp", ready)
        await server.serve_forever()

    # Foundation's Process starts children with most signals blocked, SIGTERM among them.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    parent = os.getppid()

    def exit_when_orphaned():
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=exit_when_orphaned, daemon=True).start()
    asyncio.run(serve())


if __name__ == "__main__":
    main()
