'use strict';
// What compression actually went over the wire. grpc-js exposes neither the per-message
// "compressed" flag nor grpc-encoding (its CompressionFilter removes the header from the
// metadata the application sees), but that filter is the bottom of the stack: it frames
// outgoing messages and receives incoming ones still framed. Wrapping it observes both.

const path = require('path');
const { GRPC_JS_MAIN } = require('./payouts_protos');

const wire = {
  sentFlags: [], // compressed flag (byte 0 of the 5-byte prefix) of each outgoing message
  sentEncodings: [], // grpc-encoding of each outgoing call (null: identity)
  receivedFlags: [],
  receivedEncodings: [], // grpc-encoding of each response header block (null: none)
  reset() {
    for (const list of [this.sentFlags, this.sentEncodings, this.receivedFlags, this.receivedEncodings]) list.length = 0;
  },
};

const filter = require(path.join(path.dirname(GRPC_JS_MAIN), 'compression-filter.js')).CompressionFilter.prototype;
const { sendMessage, sendMetadata, receiveMessage, receiveMetadata } = filter;

filter.sendMessage = async function (message) {
  const framed = await sendMessage.call(this, message);
  wire.sentFlags.push(framed.message.readUInt8(0));
  return framed;
};
filter.sendMetadata = async function (metadata) {
  const headers = await sendMetadata.call(this, metadata);
  const encoding = headers.get('grpc-encoding');
  wire.sentEncodings.push(encoding.length ? String(encoding[0]) : null);
  return headers;
};
filter.receiveMessage = async function (message) {
  const framed = await message;
  if (Buffer.isBuffer(framed) && framed.length >= 5) wire.receivedFlags.push(framed.readUInt8(0));
  return receiveMessage.call(this, framed);
};
filter.receiveMetadata = function (metadata) {
  const encoding = metadata.get('grpc-encoding');
  wire.receivedEncodings.push(encoding.length ? String(encoding[0]) : null);
  return receiveMetadata.call(this, metadata);
};

module.exports = wire;
