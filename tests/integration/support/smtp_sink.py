"""A real SMTP server for the `send` tests (aiosmtpd), on 127.0.0.1.

Usage: smtp_sink.py OUT_DIR. Prints `ready PORT` once listening; stops when stdin closes.
Each message received is written to OUT_DIR/N.eml, its envelope recipients to N.rcpt.
A recipient whose local part is `reject` is refused with 550, as a real server refuses an
unknown mailbox. AUTH (PLAIN, LOGIN) is offered but not required: the login `curator` with
the password `tide-table-7` is accepted, any other is refused with 535, as a real server
refuses a wrong password.
"""

import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = b"curator", b"tide-table-7"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (USER, PASSWORD)
    return AuthResult(success=ok, handled=False)


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] == "reject":
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".rcpt", "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n" + envelope.mail_from + "\n")
        return "250 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = free_port()
    controller = Controller(
        Sink(sys.argv[1]),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        auth_require_tls=False,
    )
    controller.start()
    print(f"ready {port}", flush=True)
    sys.stdin.read()
    controller.stop()


main()
