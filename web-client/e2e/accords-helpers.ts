// Accords made through the API for the end-to-end tests: drafted and moved on by the demo admin
// (who may do every step in any neighbourhood with a public dialogue channel), and signed from
// Node with the client's own signing code and Node's WebCrypto, as a second device would.
import { expect, type APIRequestContext } from '@playwright/test';
import { toMultikey } from '../src/accords/base58';
import { keyController, signVersion } from '../src/accords/sign';
import type { JsonObject } from '../src/accords/proof';
import { apiToken, demoAdmin } from './helpers';

/** The neighbourhood the accord tests use: no other test reads its dialogue channel. */
export const ACCORD_COMMUNITY = 'rosta-nuova';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function adminToken(request: APIRequestContext): Promise<string> {
  const admin = demoAdmin();
  return apiToken(request, admin.username, admin.password);
}

/** A version's content: the city and the volunteers, one project, one indicator. */
export async function accordContent(request: APIRequestContext, title: string) {
  const city = await (await request.get('/api/v1/organizations/comune')).json();
  return {
    title,
    summary: 'Il Comune e i volontari si prendono cura delle aiuole del quartiere.',
    text: '# Il patto\n\nCi prendiamo cura delle aiuole insieme.\n\n- pulizia ogni sabato\n- nuove piante in primavera',
    start_date: '2027-01-01',
    end_date: '2027-12-31',
    parties: [
      { key: 'comune', kind: 'municipality', name: 'Comune di Reggio Emilia', organization: city.actor_id },
      { key: 'volontari', kind: 'volunteer', name: 'I volontari delle aiuole' },
    ],
    projects: [
      {
        key: 'aiuole',
        kind: 'community_care',
        title: 'Aiuole curate',
        description: 'Pulizia e piante nuove.',
        budget_cents: 1_250_000,
        owners: ['comune', 'volontari'],
      },
    ],
    indicators: [
      { key: 'volontari-attivi', name: 'Volontari attivi', unit: 'persone', baseline: 4, target: 20, project: 'aiuole' },
    ],
  };
}

/** Drafts an accord as the demo admin; returns its id. */
export async function draftAccord(request: APIRequestContext, token: string, title: string): Promise<string> {
  const res = await request.post(`/api/v1/communities/${ACCORD_COMMUNITY}/accords`, {
    headers: bearer(token),
    data: await accordContent(request, title),
  });
  expect(res.status(), `draft ${title}`).toBe(201);
  return (await res.json()).id as string;
}

export async function moveAccord(request: APIRequestContext, token: string, id: string, ...states: string[]) {
  for (const to of states) {
    const res = await request.post(`/api/v1/accords/${id}/transitions`, { headers: bearer(token), data: { to } });
    expect(res.ok(), `move the accord to ${to}`).toBe(true);
  }
}

/** An accord open for signature, with its one version. */
export async function openAccord(request: APIRequestContext, title: string): Promise<string> {
  const token = await adminToken(request);
  const id = await draftAccord(request, token, title);
  await moveAccord(request, token, id, 'co_design', 'approved', 'open_for_signature');
  return id;
}

/**
 * Signs the accord's newest version for `person` (themself): a key made here, registered, and a
 * proof made with the client's code, as the accord page would make it.
 */
export async function apiSign(request: APIRequestContext, token: string, id: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const registered = await request.post('/api/v1/me/keys', {
    headers: bearer(token),
    data: { public_key_multibase: toMultikey(raw), label: 'e2e' },
  });
  expect(registered.status(), 'register a key').toBe(201);
  const key = await registered.json();
  const accord = await (await request.get(`/api/v1/accords/${id}`)).json();
  const n = accord.latest_version as number;
  const version = await (await request.get(`/api/v1/accords/${id}/versions/${n}`)).json();
  const body = await signVersion(
    version.document as JsonObject,
    { id: keyController(key.key_id), role: 'self' },
    { privateKey: pair.privateKey, keyId: key.key_id, createdAt: key.created_at },
  );
  const signed = await request.post(`/api/v1/accords/${id}/versions/${n}/signatures`, { headers: bearer(token), data: body });
  expect(signed.status(), `sign: ${await signed.text()}`).toBe(201);
}
