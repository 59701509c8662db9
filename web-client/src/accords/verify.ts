// Checking an accord bundle (`comune-accord-bundle/1`) in the browser, with no trust in the server
// that exported it: the same checks as `comune accord verify` (domain/src/accords/bundle.rs), one
// report line each, so anyone can see for themself that the versions are intact and chained and
// that every signature was made by its signatory's key, valid at the time, over that text.
import { fromMultikey } from './base58';
import { canonicalize, type Json } from './jcs';
import { importPublicKey, parseTime, sha256Hex, verifyProof, type JsonObject, type ProofProblem } from './proof';
import { signingDocument, type Signatory } from './sign';

export const FORMAT = 'comune-accord-bundle/1';

export type Subject =
  | { kind: 'bundle' }
  | { kind: 'version'; number: number }
  | { kind: 'key'; id: string }
  | { kind: 'signature'; index: number; version: number; who: string; proofValue: string };

/** One line: what was checked, whether it held, and the words' code and values. */
export interface Check {
  ok: boolean;
  subject: Subject;
  code: string;
  vars: Record<string, string | number>;
}

export interface Report {
  checks: Check[];
  /** Every check passed (and there was something to check). */
  ok: boolean;
  /** Every version passed: the chain is intact. */
  chainOk: boolean;
}

interface BundleKey {
  id: string;
  controller: string;
  public_key_multibase: string;
  created_at: string;
  revoked_at?: string | null;
}
interface BundleVersion {
  number: number;
  canonical: string;
  hash: string;
  previous_hash?: string | null;
}
interface BundleSignature {
  version: number;
  signatory: Json;
  proof: Json;
}
interface Bundle {
  format: string;
  accord: { id: string };
  versions: BundleVersion[];
  signatures: BundleSignature[];
  keys: BundleKey[];
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) => typeof v === 'string';
const isTextOrNone = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const isInt = (v: unknown) => Number.isInteger(v);

/** Where the value is not shaped as a bundle (as the server's reader would refuse it), or null. */
function shapeProblem(b: unknown): string | null {
  if (!isObject(b)) return '(the file)';
  if (!isText(b.format)) return 'format';
  const a = b.accord;
  if (!isObject(a) || !['id', 'title', 'state', 'exported_at'].every((k) => isText(a[k]))) return 'accord';
  for (const list of ['versions', 'signatures', 'keys']) if (!Array.isArray(b[list])) return list;
  const versions = b.versions as Json[];
  const badVersion = versions.findIndex(
    (v) => !isObject(v) || !isInt(v.number) || !isText(v.canonical) || !isText(v.hash) || !isTextOrNone(v.previous_hash),
  );
  if (badVersion >= 0) return `versions[${badVersion}]`;
  const signatures = b.signatures as Json[];
  const badSignature = signatures.findIndex(
    (s) => !isObject(s) || !isInt(s.version) || !('signatory' in s) || !('proof' in s) || !isText(s.received_at),
  );
  if (badSignature >= 0) return `signatures[${badSignature}]`;
  const keys = b.keys as Json[];
  const badKey = keys.findIndex(
    (k) =>
      !isObject(k) ||
      !['id', 'controller', 'public_key_multibase', 'created_at'].every((f) => isText(k[f])) ||
      !isTextOrNone(k.revoked_at),
  );
  if (badKey >= 0) return `keys[${badKey}]`;
  return null;
}

/** Checks a bundle given as the text of its file. */
export async function verifyBundleText(text: string): Promise<Report> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return finish([{ ok: false, subject: { kind: 'bundle' }, code: 'not_json', vars: { error: String(e) } }]);
  }
  return verifyBundle(value);
}

/** Checks everything a bundle says, in the order and with the rules of the server's check. */
export async function verifyBundle(value: unknown): Promise<Report> {
  const checks: Check[] = [];
  const bundleLine = (code: string, vars: Check['vars'] = {}) =>
    checks.push({ ok: false, subject: { kind: 'bundle' }, code, vars });
  const where = shapeProblem(value);
  if (where) {
    bundleLine('not_bundle', { where });
    return finish(checks);
  }
  const bundle = value as Bundle;
  if (bundle.format !== FORMAT) {
    bundleLine('format', { format: bundle.format, expected: FORMAT });
    return finish(checks);
  }

  const documents = new Map<number, JsonObject>();
  let previous: string | null = null;
  for (const [i, version] of bundle.versions.entries()) {
    const subject: Subject = { kind: 'version', number: version.number };
    const outcome = await checkVersion(bundle, version, i + 1, previous);
    if ('document' in outcome) {
      documents.set(version.number, outcome.document);
      const vars = { hash: version.hash, previous: previous ?? '', before: version.number - 1 };
      checks.push({ ok: true, subject, code: previous ? 'version_ok' : 'version_ok_first', vars });
    } else {
      checks.push({ ok: false, subject, ...outcome });
    }
    previous = version.hash;
  }
  if (bundle.versions.length === 0) bundleLine('no_versions');

  const keys = new Map<string, { key: BundleKey; publicKey: CryptoKey }>();
  for (const key of bundle.keys) {
    const decoded = fromMultikey(key.public_key_multibase);
    let publicKey: CryptoKey | null = null;
    if ('key' in decoded) publicKey = await importPublicKey(decoded.key).catch(() => null);
    if (publicKey) keys.set(key.id, { key, publicKey });
    else checks.push({ ok: false, subject: { kind: 'key', id: key.id }, code: 'key_invalid', vars: {} });
  }

  for (const [i, signature] of bundle.signatures.entries()) {
    const signatory = isObject(signature.signatory) ? signature.signatory : {};
    const proof = isObject(signature.proof) ? signature.proof : {};
    const subject: Subject = {
      kind: 'signature',
      index: i + 1,
      version: signature.version,
      who: typeof signatory.id === 'string' ? signatory.id : '?',
      proofValue: typeof proof.proofValue === 'string' ? proof.proofValue : '',
    };
    const outcome = await checkSignature(signature, documents, keys);
    checks.push({ ok: outcome.code === 'signature_ok', subject, ...outcome });
  }
  return finish(checks);
}

function finish(checks: Check[]): Report {
  const versions = checks.filter((c) => c.subject.kind === 'version');
  return {
    checks,
    ok: checks.length > 0 && checks.every((c) => c.ok),
    chainOk: versions.length > 0 && versions.every((c) => c.ok) && !checks.some((c) => c.subject.kind === 'bundle'),
  };
}

type Outcome = { code: string; vars: Check['vars'] };

async function checkVersion(
  bundle: Bundle,
  version: BundleVersion,
  expected: number,
  previous: string | null,
): Promise<Outcome | { document: JsonObject }> {
  if (version.number !== expected) return { code: 'version_number', vars: { found: version.number, expected } };
  const computed = await sha256Hex(version.canonical);
  if (computed !== version.hash) return { code: 'hash_mismatch', vars: { stored: version.hash, computed } };
  let document: unknown;
  try {
    document = JSON.parse(version.canonical);
  } catch {
    return { code: 'text_not_json', vars: {} };
  }
  let canonical: string | null = null;
  try {
    canonical = canonicalize(document);
  } catch {
    // Not representable: not canonical either.
  }
  if (canonical !== version.canonical || !isObject(document)) return { code: 'not_canonical', vars: {} };
  if (document.version !== version.number) return { code: 'other_number', vars: {} };
  if (document.accord !== bundle.accord.id) return { code: 'other_accord', vars: {} };
  const inner = typeof document.previousHash === 'string' ? document.previousHash : null;
  if (inner !== previous || (version.previous_hash ?? null) !== previous) {
    return { code: 'chain_broken', vars: { named: inner ?? '—', previous: previous ?? '—' } };
  }
  return { document };
}

const ROLES = ['self', 'legal_representative', 'delegate'];

async function checkSignature(
  signature: BundleSignature,
  documents: Map<number, JsonObject>,
  keys: Map<string, { key: BundleKey; publicKey: CryptoKey }>,
): Promise<Outcome> {
  const document = documents.get(signature.version);
  if (!document) return { code: 'version_damaged', vars: {} };
  const proof = isObject(signature.proof) ? signature.proof : null;
  const method = proof?.verificationMethod;
  if (typeof method !== 'string') return { code: 'no_key_named', vars: {} };
  const found = keys.get(method);
  if (!found) return { code: 'key_missing', vars: { key: method } };
  const { key, publicKey } = found;
  const block = isObject(signature.signatory) ? signature.signatory : {};
  if (block.id !== key.controller) return { code: 'key_not_signatory', vars: { key: key.id, controller: key.controller } };
  const created = parseTime(proof?.created);
  if (Number.isNaN(created)) return { code: 'no_created', vars: {} };
  const keyCreated = parseTime(key.created_at);
  if (Number.isNaN(keyCreated)) return { code: 'key_no_time', vars: {} };
  const signedAt = String(proof?.created);
  if (created < keyCreated) return { code: 'before_key', vars: { created: signedAt, registered: key.created_at } };
  if (key.revoked_at) {
    const revoked = parseTime(key.revoked_at);
    if (Number.isNaN(revoked)) return { code: 'key_no_time', vars: {} };
    if (created >= revoked) return { code: 'after_revoked', vars: { created: signedAt, revoked: key.revoked_at } };
  }
  const org = block.organization;
  if (
    typeof block.id !== 'string' ||
    !ROLES.includes(block.role as string) ||
    !(org === undefined || org === null || typeof org === 'string')
  ) {
    return { code: 'bad_signatory', vars: {} };
  }
  const signatory: Signatory = { id: block.id, role: block.role as Signatory['role'], organization: org ?? undefined };
  const secured = signingDocument(document, signatory);
  // The server reads the block into its known fields and writes it back: anything else in it
  // (or an explicit null) would not be what was signed.
  if (canonicalize(secured.signatory) !== canonicalize(block)) return { code: 'unknown_fields', vars: {} };
  secured.proof = proof;
  const problem: ProofProblem | null = await verifyProof(secured, publicKey);
  if (problem) return { code: 'proof_failed', vars: { reason: problem.code, field: problem.field ?? '', key: key.id } };
  return { code: 'signature_ok', vars: { key: key.id } };
}

/** The line about the signature whose proof has this `proofValue`, if the report has one. */
export function signatureCheck(report: Report, proofValue: string): Check | undefined {
  return report.checks.find((c) => c.subject.kind === 'signature' && c.subject.proofValue === proofValue);
}
