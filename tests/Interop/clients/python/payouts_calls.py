"""The Payouts RPCs the interop cases make, through stubs generated from proto/payouts/v1 by protoc.

Each helper checks what any caller relies on for the step to count as done, and raises
AssertionFailure naming the step otherwise.
"""

import time
import uuid

import grpc

import interop_protos
import rich_status
import tokens

CALL_TIMEOUT_S = 15.0
CURRENCY = "USD"


class AssertionFailure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise AssertionFailure(message)


def bearer(token, idempotency_key=None):
    md = [("authorization", "Bearer " + token)] if token is not None else []
    if idempotency_key is not None:
        md.append(("idempotency-key", idempotency_key))
    return tuple(md)


def new_key():
    return "interop-" + uuid.uuid4().hex


class Payouts:
    def __init__(self, target, options=None):
        self.cs = interop_protos.load_payouts("payouts.v1.cashout_service_pb2")
        self.ls = interop_protos.load_payouts("payouts.v1.link_service_pb2")
        self.addr = interop_protos.load_payouts("payouts.v1.address_pb2")
        self.cm = interop_protos.load_payouts("payouts.v1.cashout_method_pb2")
        self.health_pb = interop_protos.load("grpc.health.v1.health_pb2")
        self.channel = grpc.insecure_channel(target, options=options or [])
        cs, ls, hp = self.cs, self.ls, self.health_pb
        self.get_balance = self.stub("/payouts.v1.CashoutService/GetBalance", cs.GetBalanceResponse)
        self.credit_balance = self.stub("/payouts.v1.CashoutService/CreditBalance", cs.CreditBalanceResponse)
        self.process_cashout = self.stub("/payouts.v1.CashoutService/ProcessCashout", cs.ProcessCashoutResponse)
        self.get_cashout = self.stub("/payouts.v1.CashoutService/GetCashout", cs.GetCashoutResponse)
        self.list_cashouts = self.stub("/payouts.v1.CashoutService/ListCashouts", cs.ListCashoutsResponse)
        self.link = self.stub("/payouts.v1.LinkService/LinkCashoutMethod", ls.LinkCashoutMethodResponse)
        self.list_methods = self.stub("/payouts.v1.LinkService/ListCashoutMethods", ls.ListCashoutMethodsResponse)
        self.health = self.stub("/grpc.health.v1.Health/Check", hp.HealthCheckResponse)

    def stub(self, path, response_type, deserializer=None):
        return self.channel.unary_unary(
            path, request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=deserializer or response_type.FromString)

    def close(self):
        self.channel.close()

    def wait_ready(self):
        """Connect first, so a short deadline measures the RPC and not the TCP and HTTP/2 handshake."""
        try:
            grpc.channel_ready_future(self.channel).result(timeout=5)
        except grpc.FutureTimeoutError:
            raise AssertionFailure("channel not ready within 5 s")

    # -- outcomes ---------------------------------------------------------------------------

    @staticmethod
    def ok(fn, what):
        try:
            return fn()
        except grpc.RpcError as e:
            raise AssertionFailure("%s: expected OK, got %s %r" % (what, e.code().name, e.details()))

    @staticmethod
    def error(fn, code, what, message=None):
        """The RpcError of a call that must fail with `code` (and `message`, when given)."""
        try:
            fn()
        except grpc.RpcError as e:
            check(e.code() == code, "%s: expected %s, got %s %r" % (what, code.name, e.code().name, e.details()))
            check(message is None or e.details() == message,
                  "%s: status message %r, expected %r" % (what, e.details(), message))
            return e
        raise AssertionFailure("%s: expected %s, but the call succeeded" % (what, code.name))

    @staticmethod
    def details(err, what):
        status = rich_status.from_error(err)
        check(status is not None, "%s: no %s trailer" % (what, rich_status.DETAILS_KEY))
        check(status.code == err.code().value[0],
              "%s: details carry code %d, the call ended %s" % (what, status.code, err.code().name))
        check(status.message == err.details(),
              "%s: details carry message %r, the call ended with %r" % (what, status.message, err.details()))
        return status

    # -- steps ------------------------------------------------------------------------------

    def balance(self, token):
        return self.ok(lambda: self.get_balance(self.cs.GetBalanceRequest(currency=CURRENCY), metadata=bearer(token),
                                                timeout=CALL_TIMEOUT_S), "GetBalance")

    def fund(self, user_token, amount, description="interop earnings", compression=None):
        """Credits the user through CreditBalance with the service token; returns the request and response."""
        before = self.balance(user_token).available
        request = self.cs.CreditBalanceRequest(user_id=tokens.subject(user_token), amount=amount, currency=CURRENCY,
                                               reference=new_key(), description=description)
        credited = self.ok(lambda: self.credit_balance(request, metadata=bearer(tokens.required(tokens.CREDIT)),
                                                       timeout=CALL_TIMEOUT_S, compression=compression), "CreditBalance")
        check(credited.reference == request.reference and not credited.already_applied,
              "CreditBalance: %r does not echo a newly applied reference %r" % (credited, request.reference))
        check(credited.available == before + amount and credited.currency == CURRENCY,
              "CreditBalance: available %d %s, expected %d %s" % (credited.available, credited.currency, before + amount, CURRENCY))
        return request, credited

    def link_tipalti(self, user_token):
        """Tipalti payees are created at once, so the user can cash out right after."""
        a = self.addr.Address(line1="1 Main St", city="Springfield", state="IL", postal_code="62701", country="US")
        request = self.ls.LinkCashoutMethodRequest(provider="tipalti", first_name="Ada", last_name="Lovelace",
                                                  email="ada@example.com", address=a)
        linked = self.ok(lambda: self.link(request, metadata=bearer(user_token), timeout=CALL_TIMEOUT_S), "LinkCashoutMethod")
        check(linked.provider == "tipalti" and linked.payee_id, "LinkCashoutMethod: no Tipalti payee in %r" % linked)
        return linked

    def funded_and_linked(self, amount):
        user = tokens.required(tokens.USER)
        self.fund(user, amount)
        self.link_tipalti(user)
        return user

    def cashout_request(self, amount):
        return self.cs.ProcessCashoutRequest(type="tipalti", amount=amount)

    def cashout_retrying(self, token, request, key):
        """ProcessCashout as a careful caller retries it: same key, again while the first attempt is still in flight."""
        deadline = time.monotonic() + 10
        while True:
            try:
                return self.process_cashout(request, metadata=bearer(token, key), timeout=CALL_TIMEOUT_S)
            except grpc.RpcError as e:
                status = rich_status.from_error(e)
                in_flight = e.code() == grpc.StatusCode.ABORTED and status and status.reason == "idempotency.in_flight"
                if not in_flight or time.monotonic() > deadline:
                    raise AssertionFailure("ProcessCashout retry: %s %r (%r)" % (e.code().name, e.details(), status))
                time.sleep(0.1)

    def cashouts(self, token):
        found, page = [], ""
        while True:
            resp = self.ok(lambda: self.list_cashouts(self.cs.ListCashoutsRequest(page_size=100, page_token=page),
                                                      metadata=bearer(token), timeout=CALL_TIMEOUT_S), "ListCashouts")
            found.extend(resp.cashouts)
            page = resp.next_page_token
            if not page:
                return found

    def debited_once(self, token, before, cashouts_before, amount, what):
        """Exactly one new cashout of `amount`, and the balance moved by it once, whatever happened to earlier attempts."""
        after = self.balance(token)
        new = [c for c in self.cashouts(token) if c.id not in {c.id for c in cashouts_before}]
        check(len(new) == 1 and new[0].amount == amount,
              "%s: %d new cashouts %r, expected one of %d" % (what, len(new), [(c.id, c.amount) for c in new], amount))
        check(before.available - after.available == amount and after.reserved - before.reserved == amount,
              "%s: balance went from %d available/%d reserved to %d/%d, expected %d moved once"
              % (what, before.available, before.reserved, after.available, after.reserved, amount))
        return new[0]
