"""Generate and import the Python protobuf modules the interop scripts need.

The official .proto files live under $GRPC_PROTO_ROOT (default
/usr/share/grpc-proto). They are compiled with /usr/bin/protoc (--python_out
only: Debian's protoc matches Debian's python3-protobuf runtime) into a cache
directory under the system temp dir. The directory name is a hash of the
protoc version and of the .proto contents, and it is produced atomically
(generate into a fresh temp dir, then os.rename), so several processes can
start at the same time without seeing a half-written cache.

The generated modules live in the package ``grpc.testing`` /
``grpc.health.v1`` / ``grpc.reflection.v1`` ..., which collides with the
installed ``grpc`` (grpcio) package. Appending the cache's ``grpc`` folder to
``grpc.__path__`` makes ``import grpc.testing.messages_pb2`` resolve to the
generated code while ``grpc`` itself stays grpcio.

Must be run with /usr/bin/python3 (Debian's grpcio and protobuf).
"""

import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

PROTOC = os.environ.get("PROTOC", "/usr/bin/protoc")
PROTO_ROOT = os.environ.get("GRPC_PROTO_ROOT", "/usr/share/grpc-proto")

PROTO_FILES = [
    "grpc/testing/empty.proto",
    "grpc/testing/messages.proto",
    "grpc/testing/test.proto",
    "grpc/health/v1/health.proto",
    "grpc/reflection/v1/reflection.proto",
    "grpc/reflection/v1alpha/reflection.proto",
]

_cache_dir = None


def _fingerprint():
    h = hashlib.sha256()
    try:
        ver = subprocess.run([PROTOC, "--version"], check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise RuntimeError("cannot run %s: %s" % (PROTOC, e))
    h.update(ver)
    h.update(PROTO_ROOT.encode())
    for rel in PROTO_FILES:
        with open(os.path.join(PROTO_ROOT, rel), "rb") as f:
            h.update(rel.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()[:16]


def ensure_generated():
    """Return the cache dir holding the generated *_pb2.py files (creating it if needed)."""
    global _cache_dir
    if _cache_dir:
        return _cache_dir
    base = os.path.join(tempfile.gettempdir(), "grpc-interop-pyproto")
    os.makedirs(base, exist_ok=True)
    final = os.path.join(base, _fingerprint())
    if not os.path.isdir(final):
        work = tempfile.mkdtemp(prefix=".gen-", dir=base)
        try:
            cmd = [PROTOC, "-I", PROTO_ROOT, "--python_out=" + work] + PROTO_FILES
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
    _cache_dir = final
    return final


def load(module):
    """Import a generated module, e.g. load('grpc.testing.messages_pb2')."""
    cache = ensure_generated()
    import grpc  # grpcio

    extra = os.path.join(cache, "grpc")
    if extra not in grpc.__path__:
        grpc.__path__.append(extra)
    return importlib.import_module(module)


if __name__ == "__main__":
    print(ensure_generated())
    sys.exit(0)
