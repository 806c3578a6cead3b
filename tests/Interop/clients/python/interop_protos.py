"""Generate and import the Python protobuf modules the interop scripts need.

Two independent sets, each compiled with /usr/bin/protoc (--python_out only: Debian's protoc
matches Debian's python3-protobuf runtime) into its own cache directory under the system temp
dir:

- "grpc": health and reflection, from $GRPC_PROTO_ROOT (default /usr/share/grpc-proto, Debian's
  grpc-proto). The grpcurl replay needs nothing else: it must resolve every other type through
  the server's reflection, never from a local copy.
- "payouts": the service's own contracts (proto/payouts/v1, with proto/google/api) and
  google/rpc status and error details from $GOOGLE_COMMON_PROTOS. Debian ships no google/rpc
  protos, so that defaults to the Google.Api.CommonProtos NuGet package the server itself is
  built with (content/protos, in $NUGET_PACKAGES or ~/.nuget/packages).

A cache directory's name is a hash of the protoc version, the include roots and the .proto
contents, and it is produced atomically (generate into a fresh temp dir, then os.rename), so
several processes can start at the same time without seeing a half-written cache.

The generated health and reflection modules live in the package ``grpc.health.v1`` ..., which
collides with the installed ``grpc`` (grpcio) package: appending the cache's ``grpc`` folder to
``grpc.__path__`` makes them importable while ``grpc`` itself stays grpcio. ``google`` is a
namespace package in Debian's python3-protobuf, so ``google.api`` and ``google.rpc`` resolve
once the cache is on sys.path.

Must be run with /usr/bin/python3 (Debian's grpcio and protobuf).
"""

import glob
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

PROTOC = os.environ.get("PROTOC", "/usr/bin/protoc")
PROTO_ROOT = os.environ.get("GRPC_PROTO_ROOT", "/usr/share/grpc-proto")
REPO_PROTO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "proto"))

GRPC_FILES = [
    "grpc/health/v1/health.proto",
    "grpc/reflection/v1/reflection.proto",
    "grpc/reflection/v1alpha/reflection.proto",
]

COMMON_FILES = [
    "google/api/annotations.proto",
    "google/api/http.proto",
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
]

_cache = {}


def common_protos_root():
    """The folder holding google/rpc/*.proto: $GOOGLE_COMMON_PROTOS, else the newest restored NuGet copy."""
    explicit = os.environ.get("GOOGLE_COMMON_PROTOS")
    if explicit:
        return explicit
    packages = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
    found = glob.glob(os.path.join(packages, "google.api.commonprotos", "*", "content", "protos"))
    if not found:
        raise RuntimeError(
            "no google/rpc protos: set GOOGLE_COMMON_PROTOS or restore the solution (Google.Api.CommonProtos)"
        )
    version = lambda p: [int(x) if x.isdigit() else -1 for x in p.split(os.sep)[-3].split(".")]  # noqa: E731
    return max(found, key=version)


def _payouts_set():
    files = sorted(
        os.path.relpath(p, REPO_PROTO) for p in glob.glob(os.path.join(REPO_PROTO, "payouts", "v1", "*.proto"))
    )
    # The repository's google/api copies come first: they are the ones buf lints our contracts against.
    return [REPO_PROTO, common_protos_root()], files + COMMON_FILES


def _fingerprint(roots, files):
    h = hashlib.sha256()
    try:
        ver = subprocess.run([PROTOC, "--version"], check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise RuntimeError("cannot run %s: %s" % (PROTOC, e))
    h.update(ver)
    for root in roots:
        h.update(root.encode() + b"\0")
    for rel in files:
        path = next((os.path.join(r, rel) for r in roots if os.path.isfile(os.path.join(r, rel))), None)
        if path is None:
            raise RuntimeError("%s not found under %s" % (rel, ", ".join(roots)))
        with open(path, "rb") as f:
            h.update(rel.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()[:16]


def ensure_generated(name="grpc"):
    """Return the cache dir holding the set's generated *_pb2.py files (creating it if needed)."""
    if name in _cache:
        return _cache[name]
    roots, files = ([PROTO_ROOT], GRPC_FILES) if name == "grpc" else _payouts_set()
    base = os.path.join(tempfile.gettempdir(), "grpc-interop-pyproto")
    os.makedirs(base, exist_ok=True)
    final = os.path.join(base, "%s-%s" % (name, _fingerprint(roots, files)))
    if not os.path.isdir(final):
        work = tempfile.mkdtemp(prefix=".gen-", dir=base)
        try:
            cmd = [PROTOC] + ["-I" + r for r in roots] + ["--python_out=" + work] + files
            res = subprocess.run(cmd, capture_output=True, text=True)
            if res.returncode != 0:
                raise RuntimeError("protoc failed: %s" % res.stderr.strip())
            os.chmod(work, 0o755)  # mkdtemp makes it 0700
            try:
                os.rename(work, final)
                work = None
            except OSError:
                # Another process won the race; its directory is complete.
                if not os.path.isdir(final):
                    raise
        finally:
            if work:
                shutil.rmtree(work, ignore_errors=True)
    _cache[name] = final
    return final


def load(module):
    """Import a generated health or reflection module, e.g. load('grpc.health.v1.health_pb2')."""
    cache = ensure_generated("grpc")
    import grpc  # grpcio

    extra = os.path.join(cache, "grpc")
    if extra not in grpc.__path__:
        grpc.__path__.append(extra)
    return importlib.import_module(module)


def load_payouts(module):
    """Import a generated contract or google/rpc module, e.g. load_payouts('payouts.v1.cashout_service_pb2')."""
    cache = ensure_generated("payouts")
    if cache not in sys.path:
        sys.path.append(cache)
    return importlib.import_module(module)


if __name__ == "__main__":
    print(ensure_generated("grpc"))
    print(ensure_generated("payouts"))
    sys.exit(0)
