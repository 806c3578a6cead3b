"""Bearer tokens handed in by whoever runs the client (the C# test mints them with the service's test key).

Environment, not arguments, so tokens do not show in process listings:
  PAYOUTS_USER_TOKEN        a user's token; cases move that user's money
  PAYOUTS_OTHER_USER_TOKEN  another user's token, to show one user cannot read the other's cashouts
  PAYOUTS_CREDIT_TOKEN      a service token with the balances:write scope, to fund the user
"""

import base64
import hashlib
import hmac
import json
import os
import secrets

USER = "PAYOUTS_USER_TOKEN"
OTHER_USER = "PAYOUTS_OTHER_USER_TOKEN"
CREDIT = "PAYOUTS_CREDIT_TOKEN"


class MissingToken(Exception):
    pass


def required(name):
    value = os.environ.get(name, "")
    if not value:
        raise MissingToken("set %s (see tests/Interop/clients/README.md)" % name)
    return value


def _b64url_decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def subject(token):
    """The token's sub: CreditBalance names the user it credits."""
    return json.loads(_b64url_decode(token.split(".")[1]))["sub"]


def forged(token):
    """The same header (kid) and claims, signed with a key the server does not have."""
    header, payload, _ = token.split(".")
    signature = hmac.new(secrets.token_bytes(32), ("%s.%s" % (header, payload)).encode(), hashlib.sha256).digest()
    return "%s.%s.%s" % (header, payload, _b64url(signature))
