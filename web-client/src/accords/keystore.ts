// The signing key of this device, kept in IndexedDB. WebCrypto makes the Ed25519 pair with a
// private half that cannot be exported (extractable: false): IndexedDB stores the CryptoKey
// object itself, so the private key's bytes are never visible to any script, ours included, and
// never reach the server. One key per person per device: several people may share a browser,
// so records are kept by account id.
import { toMultikey } from './base58';

export const DB_NAME = 'comune-keys';
export const STORE = 'keys';

export interface DeviceKey {
  /** The account it belongs to (the record's key). */
  account: string;
  keyPair: CryptoKeyPair;
  publicKeyMultibase: string;
  label: string;
  /** Once the server has it: the key's id for DELETE /me/keys/{id}. */
  id?: string;
  /** The proofs' `verificationMethod`: `<actor id>#key-<uuid>`. */
  keyId?: string;
  /** When the server registered it: proofs made before do not count. */
  createdAt?: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'account' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function loadDeviceKey(account: string): Promise<DeviceKey | null> {
  return ((await run('readonly', (s) => s.get(account))) as DeviceKey | undefined) ?? null;
}

export async function saveDeviceKey(key: DeviceKey): Promise<void> {
  await run('readwrite', (s) => s.put(key));
}

export async function forgetDeviceKey(account: string): Promise<void> {
  await run('readwrite', (s) => s.delete(account));
}

/** Whether this browser can make Ed25519 keys (Chrome 137, Firefox 129, Safari 17 and later). */
export async function canMakeKeys(): Promise<boolean> {
  try {
    if (!globalThis.crypto?.subtle || !globalThis.indexedDB) return false;
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

/** A new pair for `account`, its private half not extractable, stored before it is registered. */
export async function makeDeviceKey(account: string, label: string): Promise<DeviceKey> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  // The public half is always exportable, whatever `extractable` says.
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  const key: DeviceKey = { account, keyPair, publicKeyMultibase: toMultikey(raw), label };
  await saveDeviceKey(key);
  return key;
}
