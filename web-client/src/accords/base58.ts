// Base58btc (the Bitcoin alphabet), multibase `z…` strings and Ed25519 Multikeys (FEP-521a), as
// the server writes them (integrity/src/multikey.rs). Written here rather than taken from a
// package: it is forty lines, and the signing path should depend on as little as possible.

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

/** The multicodec `ed25519-pub` as an unsigned varint: why every such key starts `z6Mk`. */
const ED25519_PUB = [0xed, 0x01];

/** Base58btc of `bytes`; each leading zero byte becomes a leading '1'. */
export function encodeBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Base-58 digits, least significant first, grown one input byte at a time.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]];
  return out;
}

/** The bytes of a base58btc string; null when a character is outside the alphabet. */
export function decodeBase58(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  // Bytes, least significant first.
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = VALUES.get(text[i]);
    if (value === undefined) return null;
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i];
  return out;
}

/** Multibase base58btc: the letter `z`, then base58btc. */
export function multibase(bytes: Uint8Array): string {
  return `z${encodeBase58(bytes)}`;
}

/** The bytes of a multibase base58btc string; null when it is not one. */
export function fromMultibase(text: string): Uint8Array | null {
  return text.startsWith('z') ? decodeBase58(text.slice(1)) : null;
}

/** A raw 32-byte Ed25519 public key as a Multikey (`z6Mk…`). */
export function toMultikey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB, 0);
  bytes.set(publicKey, 2);
  return multibase(bytes);
}

/** The 32 key bytes of an Ed25519 Multikey, or why it is not one. */
export function fromMultikey(text: string): { key: Uint8Array } | { error: 'not_base58btc' | 'wrong_codec' | 'wrong_length' } {
  const bytes = fromMultibase(text);
  if (!bytes) return { error: 'not_base58btc' };
  if (bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return { error: 'wrong_codec' };
  if (bytes.length !== 34) return { error: 'wrong_length' };
  return { key: bytes.slice(2) };
}
