// W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (vc-di-eddsa §3.3), made and
// checked in the browser with WebCrypto's Ed25519. The checks mirror the server's
// (integrity/src/proof.rs), so that what one accepts the other accepts too.
import { fromMultibase, multibase } from './base58';
import { canonicalize, type Json } from './jcs';

export type JsonObject = { [key: string]: Json };

export const PROOF_TYPE = 'DataIntegrityProof';
export const CRYPTOSUITE = 'eddsa-jcs-2022';
export const PROOF_PURPOSE = 'assertionMethod';

const encoder = new TextEncoder();

export async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export async function sha256Hex(text: string): Promise<string> {
  return [...(await sha256(text))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** vc-di-eddsa §3.3.4: SHA-256 of the canonical proof options, then of the canonical document. */
async function hashData(options: JsonObject, document: JsonObject): Promise<Uint8Array<ArrayBuffer>> {
  const [first, second] = await Promise.all([sha256(canonicalize(options)), sha256(canonicalize(document))]);
  const out = new Uint8Array(64);
  out.set(first, 0);
  out.set(second, 32);
  return out;
}

/** An RFC 3339 date-time as the server reads one (chrono's parse_from_rfc3339); NaN if not. */
export function parseTime(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const m = text.match(/^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([Zz]|[+-]\d{2}:\d{2})$/);
  if (!m) return NaN;
  return Date.parse(`${m[1]}T${m[2]}${m[3].toUpperCase()}`);
}

/**
 * The proof's `created`: now, to the second, in UTC with `Z` (2026-12-07T10:00:00Z), and never
 * before `notBefore` (the key's registration), since the server refuses a proof older than its
 * key and this device's clock may run behind the server's.
 */
export function proofTime(now: Date, notBefore?: string): string {
  let at = Math.floor(now.getTime() / 1000) * 1000;
  const floor = parseTime(notBefore);
  if (Number.isFinite(floor)) at = Math.max(at, Math.ceil(floor / 1000) * 1000);
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * vc-di-eddsa §3.3.1 "Create Proof": the proof (with `proofValue`) that belongs under
 * `document.proof`. The options carry the document's `@context`, as the spec asks; any `proof`
 * already on the document is not signed.
 */
export async function createProof(
  document: JsonObject,
  privateKey: CryptoKey,
  verificationMethod: string,
  created: string,
): Promise<JsonObject> {
  const options: JsonObject = {};
  if (document['@context'] !== undefined) options['@context'] = document['@context'];
  options.type = PROOF_TYPE;
  options.cryptosuite = CRYPTOSUITE;
  options.verificationMethod = verificationMethod;
  options.proofPurpose = PROOF_PURPOSE;
  options.created = created;
  const unsecured = { ...document };
  delete unsecured.proof;
  const data = await hashData(options, unsecured);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, data));
  return { ...options, proofValue: multibase(signature) };
}

/** Why a proof was refused; `field` names the proof's property when one is missing or bad. */
export interface ProofProblem {
  code:
    | 'missing_proof'
    | 'proof_set'
    | 'malformed_proof'
    | 'proof_type'
    | 'cryptosuite'
    | 'purpose'
    | 'missing_field'
    | 'bad_date'
    | 'proof_value'
    | 'context'
    | 'signature'
    | 'expired';
  field?: string;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether the document's `@context` begins with every entry of the proof's (JSON-LD lists). */
function contextStartsWith(document: Json | undefined, proof: Json): boolean {
  if (document === undefined) return false;
  const entries = (c: Json) => (Array.isArray(c) ? c : [c]);
  const [d, p] = [entries(document), entries(proof)];
  return p.length <= d.length && p.every((entry, i) => canonicalize(entry) === canonicalize(d[i]));
}

/**
 * vc-di-eddsa §3.3.2 "Verify Proof" of `secured.proof` with `publicKey`: null when it holds,
 * else what failed. The options are the proof as received less `proofValue`, so options another
 * implementation adds are covered too; the document's `@context` must begin with the proof's,
 * which then stands in for it.
 */
export async function verifyProof(secured: JsonObject, publicKey: CryptoKey, now = new Date()): Promise<ProofProblem | null> {
  const proof = secured.proof;
  if (proof === undefined) return { code: 'missing_proof' };
  if (Array.isArray(proof)) return { code: 'proof_set' };
  if (!isObject(proof)) return { code: 'malformed_proof' };
  for (const field of ['type', 'cryptosuite', 'proofPurpose', 'verificationMethod', 'proofValue']) {
    if (typeof proof[field] !== 'string') return { code: 'missing_field', field };
  }
  if (proof.type !== PROOF_TYPE) return { code: 'proof_type' };
  if (proof.cryptosuite !== CRYPTOSUITE) return { code: 'cryptosuite' };
  if (proof.proofPurpose !== PROOF_PURPOSE) return { code: 'purpose' };
  for (const field of ['created', 'expires']) {
    if (proof[field] !== undefined && Number.isNaN(parseTime(proof[field]))) return { code: 'bad_date', field };
  }
  const signature = fromMultibase(proof.proofValue as string);
  if (!signature || signature.length !== 64) return { code: 'proof_value' };

  const options = { ...proof };
  delete options.proofValue;
  const unsecured = { ...secured };
  delete unsecured.proof;
  if (options['@context'] !== undefined) {
    if (!contextStartsWith(unsecured['@context'], options['@context'])) return { code: 'context' };
    unsecured['@context'] = options['@context'];
  }
  const data = await hashData(options, unsecured);
  const bytes = new Uint8Array(signature);
  if (!(await crypto.subtle.verify('Ed25519', publicKey, bytes, data))) return { code: 'signature' };
  // FEP-8b32: an expired proof is ignored.
  if (options.expires !== undefined && parseTime(options.expires) <= now.getTime()) return { code: 'expired' };
  return null;
}

/** A raw 32-byte Ed25519 public key for verifying. */
export function importPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'Ed25519' }, true, ['verify']);
}
