// Checks an OTLP/JSON trace file, one ExportTraceServiceRequest a line, against the OTLP .proto
// definitions (the opentelemetry-proto files that @opentelemetry/otlp-grpc-exporter-base ships), strictly:
// every key must be a field of its message (lowerCamelCase, as OTLP/JSON requires), enums are integers,
// 64-bit integers decimal strings, trace and span ids hex of the right length and not all zero; each line
// then goes through protobufjs's fromObject/verify/encode/decode and must come back with the same ids.
// Usage: node validate.js FILE.jsonl   Prints "ok: N requests, N spans, N events", or the faults; exit 1 on any.
'use strict';
const fs = require('fs');
const path = require('path');
const protobuf = require('protobufjs');

const protoRoot = path.join(path.dirname(require.resolve('@opentelemetry/otlp-grpc-exporter-base/package.json')), 'build', 'protos');
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(protoRoot, target);
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
root.resolveAll();
const Request = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');

const IDS = { traceId: 16, spanId: 8, parentSpanId: 8 };
const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32 = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

function check(value, type, where, faults, counts) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) { faults.push(`${where}: expected an object for ${type.fullName}`); return; }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter(f => value[f.name] !== undefined);
    if (set.length > 1) faults.push(`${where}: more than one of oneof ${oneof.name}: ${set.map(f => f.name).join(', ')}`);
  }
  if (type.name === 'AnyValue' && Object.keys(value).length !== 1) faults.push(`${where}: an AnyValue needs exactly one value`);
  for (const key of Object.keys(value)) {
    const field = type.fields[key];
    if (!field) { faults.push(`${where}: unknown field '${key}' in ${type.fullName}`); continue; }
    const at = `${where}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(value[key])) { faults.push(`${at}: expected an array`); continue; }
      value[key].forEach((item, i) => checkField(item, field, `${at}[${i}]`, faults, counts));
    } else checkField(value[key], field, at, faults, counts);
  }
  if (type.name === 'Span') {
    counts.spans++;
    for (const req of ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano']) if (value[req] === undefined) faults.push(`${where}: span without ${req}`);
    if (typeof value.startTimeUnixNano === 'string' && typeof value.endTimeUnixNano === 'string' && BigInt(value.endTimeUnixNano) < BigInt(value.startTimeUnixNano)) faults.push(`${where}: span ends before it starts`);
  }
  if (type.name === 'Event') counts.events++;
}

function checkField(v, field, at, faults, counts) {
  const t = field.resolvedType;
  if (t instanceof protobuf.Type) return check(v, t, at, faults, counts);
  if (t instanceof protobuf.Enum) {
    if (!Number.isInteger(v)) faults.push(`${at}: enum ${t.name} must be an integer in OTLP/JSON, got ${JSON.stringify(v)}`);
    else if (!Object.values(t.values).includes(v)) faults.push(`${at}: ${v} is not a value of ${t.name}`);
    return;
  }
  switch (field.type) {
    case 'bytes': {
      const len = IDS[field.name];
      if (len === undefined) { if (typeof v !== 'string') faults.push(`${at}: expected base64 text`); return; }
      if (typeof v !== 'string' || !new RegExp(`^[0-9a-f]{${len * 2}}$`).test(v)) faults.push(`${at}: expected ${len * 2} lower-case hex digits, got ${JSON.stringify(v)}`);
      else if (/^0+$/.test(v)) faults.push(`${at}: an all-zero id is invalid`);
      return;
    }
    case 'string': if (typeof v !== 'string') faults.push(`${at}: expected a string`); return;
    case 'bool': if (typeof v !== 'boolean') faults.push(`${at}: expected true or false`); return;
    case 'double': case 'float': if (typeof v !== 'number') faults.push(`${at}: expected a number`); return;
    default:
      if (INT64.has(field.type)) { if (typeof v !== 'string' || !/^-?[0-9]+$/.test(v)) faults.push(`${at}: expected a 64-bit integer as a decimal string, got ${JSON.stringify(v)}`); return; }
      if (INT32.has(field.type)) { if (!Number.isInteger(v)) faults.push(`${at}: expected an integer`); return; }
      faults.push(`${at}: unexpected field type ${field.type}`);
  }
}

// Hex ids to bytes for protobufjs (which reads bytes fields as base64, the plain proto3 JSON rule).
function toProtoObject(v, key) {
  if (Array.isArray(v)) return v.map(x => toProtoObject(x));
  if (v && typeof v === 'object') { const o = {}; for (const k of Object.keys(v)) o[k] = toProtoObject(v[k], k); return o; }
  if (key in IDS && typeof v === 'string') return Buffer.from(v, 'hex');
  return v;
}

function ids(msg) {
  const out = [];
  for (const rs of msg.resourceSpans || []) for (const ss of rs.scopeSpans || []) for (const s of ss.spans || []) out.push(Buffer.from(s.traceId).toString('hex') + '/' + Buffer.from(s.spanId).toString('hex'));
  return out;
}

const file = process.argv[2];
if (!file) { console.error('usage: node validate.js FILE.jsonl'); process.exit(2); }
const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const faults = [];
const counts = { requests: 0, spans: 0, events: 0 };
lines.forEach((line, i) => {
  const where = `line ${i + 1}`;
  let json;
  try { json = JSON.parse(line); } catch (e) { faults.push(`${where}: not JSON: ${e.message}`); return; }
  const before = faults.length;
  check(json, Request, where, faults, counts);
  counts.requests++;
  if (faults.length > before) return;
  const message = Request.fromObject(toProtoObject(json));
  const err = Request.verify(message);
  if (err) { faults.push(`${where}: ${err}`); return; }
  const back = Request.decode(Request.encode(message).finish());
  const want = [];
  for (const rs of json.resourceSpans || []) for (const ss of rs.scopeSpans || []) for (const s of ss.spans || []) want.push(s.traceId + '/' + s.spanId);
  if (ids(back).join() !== want.join()) faults.push(`${where}: ids changed through the binary encoding`);
});
if (faults.length) { console.log(faults.slice(0, 50).join('\n')); console.log(`FAILED: ${faults.length} fault(s)`); process.exit(1); }
console.log(`ok: ${counts.requests} requests, ${counts.spans} spans, ${counts.events} events`);
