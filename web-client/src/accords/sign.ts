// Signing a version of an accord: the version document with a `signatory` block (who signs, for
// which organisation, in which role), covered by an eddsa-jcs-2022 proof made with this device's
// key. The server checks the same document (domain/src/accords/signatures.rs, signing_document).
import { createProof, proofTime, type JsonObject } from './proof';

export type SignatoryRole = 'self' | 'legal_representative' | 'delegate';

export interface Signatory {
  /** The signer's actor id. */
  id: string;
  /** The actor id of the organisation signed for. */
  organization?: string;
  role: SignatoryRole;
}

/** The block as the server writes it: no `organization` key at all when there is none. */
export function signatoryBlock(s: Signatory): JsonObject {
  const block: JsonObject = { id: s.id };
  if (s.organization) block.organization = s.organization;
  block.role = s.role;
  return block;
}

/** The document a signatory signs: the version document and the `signatory` block. */
export function signingDocument(versionDocument: JsonObject, signatory: Signatory): JsonObject {
  return { ...versionDocument, signatory: signatoryBlock(signatory) };
}

/** The person a key belongs to: its id is `<actor id>#key-<uuid>`. */
export function keyController(keyId: string): string {
  return keyId.split('#')[0];
}

/**
 * The body of POST /accords/{id}/versions/{n}/signatures: the signatory block and its proof,
 * `created` now (never before the key was registered).
 */
export async function signVersion(
  versionDocument: JsonObject,
  signatory: Signatory,
  key: { privateKey: CryptoKey; keyId: string; createdAt?: string },
  now = new Date(),
): Promise<{ signatory: JsonObject; proof: JsonObject }> {
  const created = proofTime(now, key.createdAt);
  const proof = await createProof(signingDocument(versionDocument, signatory), key.privateKey, key.keyId, created);
  return { signatory: signatoryBlock(signatory), proof };
}
