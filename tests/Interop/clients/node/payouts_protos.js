'use strict';
// The Payouts contracts, loaded at run time by @grpc/proto-loader from proto/ (no protoc), and
// google.rpc.Status with its error details for reading grpc-status-details-bin.
//
// google/rpc is not in Debian's grpc-proto: it comes from $GOOGLE_COMMON_PROTOS, by default the
// Google.Api.CommonProtos NuGet package the server itself is built with (content/protos).

const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function fromRepo(name) {
  try {
    return require.resolve(name);
  } catch (e) {
    return require.resolve(path.join(REPO_ROOT, 'node_modules', name));
  }
}

const GRPC_JS_MAIN = fromRepo('@grpc/grpc-js');
const grpc = require(GRPC_JS_MAIN);
const protoLoader = require(fromRepo('@grpc/proto-loader'));
const protobuf = require(fromRepo('protobufjs'));

function commonProtosRoot() {
  if (process.env.GOOGLE_COMMON_PROTOS) return process.env.GOOGLE_COMMON_PROTOS;
  const packages = process.env.NUGET_PACKAGES || path.join(os.homedir(), '.nuget', 'packages');
  const dir = path.join(packages, 'google.api.commonprotos');
  const versions = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const numeric = (v) => v.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : -1));
  const newest = versions.sort((a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0);
    return 0;
  }).pop();
  if (!newest) throw new Error('no google/rpc protos: set GOOGLE_COMMON_PROTOS or restore the solution (Google.Api.CommonProtos)');
  return path.join(dir, newest, 'content', 'protos');
}

// The repository's google/api copies come first: they are the ones buf lints our contracts against.
const INCLUDE_DIRS = [path.join(REPO_ROOT, 'proto'), commonProtosRoot(), process.env.GRPC_PROTO_ROOT || '/usr/share/grpc-proto'];

function loadServices() {
  const def = protoLoader.loadSync(
    ['payouts/v1/cashout_service.proto', 'payouts/v1/link_service.proto', 'grpc/health/v1/health.proto'],
    { includeDirs: INCLUDE_DIRS, keepCase: true, longs: String, enums: String, defaults: true, oneofs: true },
  );
  const pkg = grpc.loadPackageDefinition(def);
  return { CashoutService: pkg.payouts.v1.CashoutService, LinkService: pkg.payouts.v1.LinkService, Health: pkg.grpc.health.v1.Health };
}

let detailTypes;
function detailsRoot() {
  if (detailTypes) return detailTypes;
  const root = new protobuf.Root();
  // Unresolved names (google/protobuf/*) fall through to protobufjs's own well-known types.
  root.resolvePath = (origin, target) => INCLUDE_DIRS.map((d) => path.join(d, target)).find((p) => fs.existsSync(p)) || target;
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
  detailTypes = root;
  return root;
}

// The decoded google.rpc.Status of a failed call, or null when the server sent none: grpc-js
// hands the trailer over as bytes and has no rich-error decoder of its own.
function richStatus(err) {
  const raw = err && err.metadata ? err.metadata.get('grpc-status-details-bin')[0] : undefined;
  if (!raw) return null;
  const root = detailsRoot();
  const status = root.lookupType('google.rpc.Status').decode(raw);
  const out = { code: status.code, message: status.message, typeUrls: [], violations: [], reason: null, domain: null };
  for (const any of status.details) {
    out.typeUrls.push(any.type_url);
    const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    if (name === 'google.rpc.BadRequest') {
      const br = root.lookupType(name).decode(any.value);
      out.violations.push(...br.field_violations.map((v) => ({ field: v.field, description: v.description })));
    } else if (name === 'google.rpc.ErrorInfo') {
      const info = root.lookupType(name).decode(any.value);
      out.reason = info.reason;
      out.domain = info.domain;
    }
  }
  return out;
}

module.exports = { grpc, GRPC_JS_MAIN, loadServices, richStatus };
