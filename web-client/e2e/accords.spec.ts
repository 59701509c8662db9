import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { decodeBase58, encodeBase58, fromMultibase, fromMultikey } from '../src/accords/base58';
import { canonicalize } from '../src/accords/jcs';
import { createProof, importPublicKey, verifyProof, type JsonObject } from '../src/accords/proof';
import { apiResident, demoAdmin, expectAccessible, signInThroughForm, tabTo } from './helpers';
import { ACCORD_COMMUNITY, apiSign, openAccord } from './accords-helpers';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'integrity', 'tests', 'fixtures');
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));

/** This page's device keys, read straight from IndexedDB. */
function storedKey(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('comune-keys');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const records = await new Promise<{ keyPair: CryptoKeyPair; keyId?: string }[]>((ok, fail) => {
      const r = db.transaction('keys').objectStore('keys').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const { privateKey, publicKey } = records[0].keyPair;
    let exportRefused = false;
    try {
      await crypto.subtle.exportKey('pkcs8', privateKey);
    } catch {
      exportRefused = true;
    }
    return {
      count: records.length,
      type: privateKey.type,
      algorithm: privateKey.algorithm.name,
      extractable: privateKey.extractable,
      usages: privateKey.usages,
      publicExtractable: publicKey.extractable,
      exportRefused,
      keyId: records[0].keyId,
    };
  });
}

test('a resident makes a key on the device, signs an open accord, and the page verifies it in the browser', async ({ page, request }) => {
  const title = 'Accordo per le aiuole di Rosta Nuova';
  const id = await openAccord(request, title);
  const resident = await apiResident(request, 'firma', [ACCORD_COMMUNITY]);
  await signInThroughForm(page, resident);

  // From the neighbourhood to its accords, and to the accord.
  await page.goto(`/c/${ACCORD_COMMUNITY}`);
  await page.getByRole('link', { name: 'Gli accordi di Rosta Nuova' }).click();
  const card = page.locator('.accord-list li').filter({ hasText: title }).first();
  await expect(card).toContainText('Aperto alle firme');
  await card.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.accord-state')).toHaveText('Aperto alle firme');
  await expect(page.getByRole('heading', { level: 3, name: 'Il patto' })).toBeVisible();
  await expect(page.locator('.accord-text li')).toHaveText(['pulizia ogni sabato', 'nuove piante in primavera']);
  await expect(page.locator('.accord-projects')).toContainText('Cura della comunità');
  await expect(page.locator('.accord-projects')).toContainText(/12\.500,00\s€/);
  await expect(page.locator('.accord-parties')).toContainText('Comune di Reggio Emilia — Comune');
  await expect(page.getByText('Nessuno ha ancora firmato.')).toBeVisible();
  await expect(page.locator('.verify-status')).toContainText('Verificato nel tuo browser');

  // No key on this device yet: the page leads to making one, and back.
  await page.getByRole('link', { name: 'Crea la tua chiave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie chiavi per firmare' })).toBeVisible();
  await expect(page.getByText('il Comune conosce solo la sua parte pubblica')).toBeVisible();
  await page.getByLabel('Un nome per riconoscerla').fill('Computer di prova');
  await page.getByRole('button', { name: 'Crea una chiave su questo dispositivo' }).click();
  await expect(page.getByText('La chiave è pronta: ora puoi firmare da questo dispositivo.')).toBeVisible();
  await expect(page.locator('.key-item')).toContainText('Computer di prova');
  await expect(page.locator('.key-item')).toContainText('Questo dispositivo');
  await expectAccessible(page, 'keys with this device key');

  const key = await storedKey(page);
  expect(key.count).toBe(1);
  expect(key.type).toBe('private');
  expect(key.algorithm).toBe('Ed25519');
  expect(key.extractable).toBe(false);
  expect(key.exportRefused).toBe(true);
  expect(key.usages).toEqual(['sign']);
  expect(key.keyId).toMatch(new RegExp(`/u/${resident.username}#key-`));

  await page.getByRole('link', { name: "Torna all'accordo per firmare" }).click();
  await expect(page.getByRole('heading', { level: 2, name: "Firma l'accordo" })).toBeVisible();
  await expect(page.getByText('Firmerai per te stesso.')).toBeVisible();
  await page.getByRole('button', { name: "Firma l'accordo" }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Stai per firmare la versione 1 di «${title}». Firmerai per te stesso.`);
  await dialog.getByRole('button', { name: 'Sì, firmo' }).click();
  await expect(page.getByText("Hai firmato l'accordo. Grazie!")).toBeVisible();

  // The signature, checked by this page's own code.
  const signature = page.locator('li.signature').filter({ hasText: resident.username });
  await expect(signature).toContainText('per sé stesso');
  await expect(signature.locator('.signature-check')).toHaveText(/Verificato nel tuo browser/);
  await expect(page.locator('.verify-status')).toContainText('Verificato nel tuo browser');
  await expect(page.getByText('Hai già firmato questa versione per te stesso.')).toBeVisible();
  await expectAccessible(page, 'accord with a verified signature');

  // The server kept it, under the key the device holds.
  const bundle = await (await request.get(`/api/v1/accords/${id}/bundle`)).json();
  expect(bundle.signatures).toHaveLength(1);
  expect(bundle.signatures[0].proof.verificationMethod).toBe(key.keyId);
  expect(bundle.signatures[0].proof.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  // A second signature for oneself is refused, and the dialog says why.
  await page.getByRole('button', { name: "Firma l'accordo" }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sì, firmo' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('Hai già firmato questa versione');
  await page.getByRole('dialog').getByRole('button', { name: 'No, torna indietro' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a tampered accord file fails the check on /accords/verify, and the intact one passes', async ({ page, request }) => {
  const title = 'Accordo per le fontanelle di Rosta Nuova';
  const id = await openAccord(request, title);
  const signer = await apiResident(request, 'verifica', [ACCORD_COMMUNITY]);
  await apiSign(request, signer.token, id);
  const bundle = await (await request.get(`/api/v1/accords/${id}/bundle`)).json();

  const upload = async (name: string, value: unknown) => {
    await page.locator('#bundle-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(value)),
    });
    await expect(page.getByRole('heading', { level: 2, name: `Risultato del controllo di ${name}` })).toBeVisible();
  };
  await page.goto('/accords/verify');
  await expect(page.getByRole('heading', { level: 1, name: 'Controlla un accordo' })).toBeVisible();

  await upload('intatto.json', bundle);
  await expect(page.locator('.verify-verdict')).toHaveText(/Tutti i controlli sono superati/);
  await expect(page.locator('.check-line.check-failed')).toHaveCount(0);
  await expect(page.locator('.check-line').filter({ hasText: /Firma 1 \(/ })).toContainText('Superato');

  // One character of the version's stored text.
  const changedText = structuredClone(bundle);
  const canonical: string = changedText.versions[0].canonical;
  const at = canonical.indexOf('fontanelle');
  changedText.versions[0].canonical = `${canonical.slice(0, at)}F${canonical.slice(at + 1)}`;
  await upload('testo-cambiato.json', changedText);
  const verdict = page.locator('.verify-verdict');
  await expect(verdict).toHaveText(/non è verificato/);
  await expect(verdict).not.toHaveText(/Tutti i controlli sono superati/);
  await expect(page.locator('.check-line').filter({ hasText: /Versione 1:/ })).toContainText('NON superato');
  await expect(page.locator('.check-line').filter({ hasText: /Versione 1:/ })).toContainText('è stato cambiato');
  await expect(page.locator('.check-line').filter({ hasText: /Firma 1 \(/ })).toContainText('NON superato');
  await expectAccessible(page, 'verify with a changed text');

  // One character of the signature.
  const changedProof = structuredClone(bundle);
  const value: string = changedProof.signatures[0].proof.proofValue;
  const swap = value[20] === 'A' ? 'B' : 'A';
  changedProof.signatures[0].proof.proofValue = `${value.slice(0, 20)}${swap}${value.slice(21)}`;
  await upload('firma-cambiata.json', changedProof);
  await expect(page.locator('.verify-verdict')).toHaveText(/non è verificato/);
  await expect(page.locator('.check-line').filter({ hasText: /Versione 1:/ })).toContainText('Superato');
  const line = page.locator('.check-line').filter({ hasText: /Firma 1 \(/ });
  await expect(line).toContainText('NON superato');
  await expect(line).toContainText('non corrisponde al testo');
  await expect(page.getByText('Verificato nel tuo browser')).toHaveCount(0);

  // Not an accord file at all.
  await upload('altro.json', { hello: 'world' });
  await expect(page.locator('.check-line')).toContainText("non è il file di un accordo");
});

test("the demo's accord, signed by the server's own code, is verified in the browser", async ({ page, request }) => {
  // Rosta Nuova's demo accord: in force, signed by each of its parties with keys the seed made.
  const accords = await (await request.get(`/api/v1/communities/${ACCORD_COMMUNITY}/accords`)).json();
  const active = accords.find((a: { state: string }) => a.state === 'active');
  expect(active, 'the demo seeds an accord in force').toBeTruthy();
  const bundle = await (await request.get(`/api/v1/accords/${active.id}/bundle`)).json();
  expect(bundle.signatures.length).toBeGreaterThan(0);

  await page.goto(`/accords/${active.id}`);
  await expect(page.locator('.accord-state')).toHaveText('In vigore');
  await expect(page.locator('.verify-status[data-state="done"]')).toContainText('Verificato nel tuo browser');
  const checks = page.locator('li.signature .signature-check');
  await expect(checks).toHaveCount(bundle.signatures.length);
  for (const check of await checks.all()) await expect(check).toHaveText(/Verificato nel tuo browser/);
  await expect(page.getByRole('heading', { name: "Firma l'accordo" })).toHaveCount(0);
});

test("the client's JCS, base58 and eddsa-jcs-2022 reproduce the published vectors", async () => {
  // RFC 8785 §3.2.2 and §3.2.3 (the server's integrity tests use the same).
  const input = JSON.parse(
    '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
  );
  expect(canonicalize(input)).toBe(
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
  const sorted = JSON.parse('{"\\u20ac":1,"\\r":2,"\\ufb33":3,"1":4,"\\ud83d\\ude00":5,"\\u0080":6,"\\u00f6":7}');
  const order: [string, number][] = [['\r', 2], ['1', 4], ['\u0080', 6], ['\u00f6', 7], ['\u20ac', 1], ['\ud83d\ude00', 5], ['\ufb33', 3]];
  expect(canonicalize(sorted)).toBe(`{${order.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);

  // Base58btc round trips, leading zeros included.
  for (const bytes of [[], [0], [0, 0, 1], [255, 254, 0, 7], [...Array(64).keys()]]) {
    expect([...decodeBase58(encodeBase58(new Uint8Array(bytes)))!]).toEqual(bytes);
  }
  expect(encodeBase58(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');

  // FEP-8b32 and vc-di-eddsa: same key, same document, same time give the published proofValue.
  for (const [file, secretAt, publicAt] of [
    ['fep-8b32.json', '/secretKeyMultibase', '/actor/assertionMethod/0/publicKeyMultibase'],
    ['vc-di-eddsa-jcs-2022.json', '/keyPair/privateKeyMultibase', '/keyPair/publicKeyMultibase'],
  ] as const) {
    const vector = fixture(file);
    const at = (pointer: string) => pointer.split('/').slice(1).reduce((v, k) => v[k], vector);
    const seed = fromMultibase(at(secretAt))!.slice(2);
    const pkcs8 = new Uint8Array([...Buffer.from('302e020100300506032b657004220420', 'hex'), ...seed]);
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    const signed = vector.signedDocument as JsonObject;
    const document = { ...signed };
    delete document.proof;
    const expected = signed.proof as JsonObject;
    const proof = await createProof(document, privateKey, String(expected.verificationMethod), String(expected.created));
    expect(proof.proofValue, file).toBe(expected.proofValue);
    const publicKey = await importPublicKey((fromMultikey(at(publicAt)) as { key: Uint8Array }).key);
    expect(await verifyProof(signed, publicKey), file).toBeNull();
    expect(await verifyProof({ ...signed, extra: 1 }, publicKey), file).toEqual({ code: 'signature' });
  }
});

test('an editor drafts an accord in the form, is told what to fix, writes a second version and opens the discussion', async ({ page }) => {
  await signInThroughForm(page, demoAdmin());
  await page.goto(`/c/${ACCORD_COMMUNITY}/accords`);
  await page.getByRole('link', { name: 'Nuovo accordo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuovo accordo' })).toBeVisible();
  const title = 'Accordo per la biblioteca di Rosta Nuova';
  await page.getByLabel("Titolo dell'accordo").fill(title);
  await page.getByRole('textbox', { name: "Il testo dell'accordo" }).fill('# Impegni\n\nApriamo la biblioteca il giovedì sera.');
  await page.getByLabel('Inizio').fill('2027-02-01');

  await page.getByRole('button', { name: 'Aggiungi un partecipante' }).click();
  const party = page.getByRole('group', { name: 'Partecipante 1' });
  await expect(party.getByLabel('Nome')).toBeFocused();
  await party.getByLabel('Nome').fill('Comune di Reggio Emilia');
  await expect(party.getByLabel('Codice breve')).toHaveValue('comune-di-reggio-emilia');
  await party.getByLabel('Chi è').selectOption('municipality');
  await party.getByLabel('Organizzazione registrata (facoltativa)').selectOption({ label: 'Comune (demo)' });

  await page.getByRole('button', { name: 'Aggiungi un progetto' }).click();
  const project = page.getByRole('group', { name: 'Progetto 1' });
  await project.getByLabel('Nome del progetto').fill('Apertura serale');
  await expect(project.getByLabel('Codice breve')).toHaveValue('apertura-serale');
  await project.getByLabel('Spesa prevista, in euro').fill('dodici');
  // The kit draws its own box: the label is what people click.
  await project.locator('label', { hasText: 'Comune di Reggio Emilia' }).click();
  await expect(project.getByLabel('Comune di Reggio Emilia')).toBeChecked();

  await page.getByRole('button', { name: 'Aggiungi un indicatore' }).click();
  const indicator = page.getByRole('group', { name: 'Indicatore 1' });
  await indicator.getByLabel('Cosa si misura').fill('Serate aperte');
  await indicator.getByLabel('Unità di misura').fill('serate');
  await indicator.getByLabel('Oggi').fill('0');
  await indicator.getByLabel('Obiettivo').fill('40');
  await indicator.getByLabel('Per il progetto').selectOption({ label: 'Apertura serale' });

  // Refused here before sending: no end date, an amount that is not one.
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  await expect(page.getByLabel('Fine')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Fine')).toBeFocused();
  await expect(project.getByLabel('Spesa prevista, in euro')).toHaveAccessibleDescription(/Scrivi una cifra in euro/);
  await page.getByLabel('Fine').fill('2027-12-31');
  await project.getByLabel('Spesa prevista, in euro').fill('2.400,50');

  // Refused by the server: its reason by the project's key.
  await project.getByLabel('Codice breve').fill('Apertura Serale!');
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  const key = project.getByLabel('Codice breve');
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toBeFocused();
  await expect(key).toHaveAccessibleDescription(/Usa solo lettere minuscole/);
  await expect(page.getByRole('alert').filter({ hasText: 'controlla i campi' })).toBeVisible();
  await expectAccessible(page, 'new accord with refusals');
  await key.fill('serale');
  await page.getByRole('button', { name: 'Salva la bozza' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Bozza dell'accordo salvata.")).toBeVisible();
  await expect(page.locator('.accord-state')).toHaveText('Bozza');
  await expect(page.locator('.accord-projects')).toContainText(/2400,50\s€/);
  await expect(page.locator('.accord-parties')).toContainText('Comune di Reggio Emilia — Comune');

  // A second version: the form comes filled in with the first.
  await page.getByRole('button', { name: 'Scrivi una nuova versione' }).click();
  const again = page.getByRole('group', { name: 'Progetto 1' });
  await expect(again.getByLabel('Spesa prevista, in euro')).toHaveValue('2400,50');
  await expect(again.getByLabel('Comune di Reggio Emilia')).toBeChecked();
  await again.getByLabel('Spesa prevista, in euro').fill('3000');
  await page.getByRole('textbox', { name: "Il testo dell'accordo" }).fill('# Impegni\n\nApriamo la biblioteca il giovedì sera.\n\nAnche il sabato mattina.');
  await page.getByRole('button', { name: 'Salva la nuova versione' }).click();
  await expect(page.getByText('Nuova versione salvata.')).toBeVisible();
  const diff = page.locator('.accord-diff');
  await expect(diff.getByRole('heading', { name: 'Cosa è cambiato dalla versione 1 alla versione 2' })).toBeVisible();
  await expect(diff.locator('ins')).toContainText(['Aggiunto: Anche il sabato mattina.']);
  await expect(diff).toContainText(/Spesa prevista: prima «2400,50\s€», ora «3000,00\s€»/);
  await expectAccessible(page, 'accord with two versions');

  // Opening the discussion, after a confirmation.
  await page.getByRole('button', { name: 'Apri la discussione con i cittadini' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sì, procedi' }).click();
  await expect(page.locator('.accord-state')).toHaveText('In discussione con i cittadini');
  await page.getByRole('link', { name: 'Leggi la discussione e di\' la tua' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('signing and revoking with the keyboard alone, in English', async ({ page, request }) => {
  const id = await openAccord(request, 'Accord for the benches of Rosta Nuova');
  const resident = await apiResident(request, 'tastiera', [ACCORD_COMMUNITY]);
  await page.addInitScript(() => localStorage.setItem('comune.locale', 'en'));
  await signInThroughForm(page, resident);
  await page.goto(`/accords/${id}`);
  await expect(page.locator('.accord-state')).toHaveText('Open for signature');

  await tabTo(page, page.getByRole('link', { name: 'Make your key' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'My signing keys' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Make a key on this device' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Your key is ready: you can now sign from this device.')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Back to the accord to sign' }));
  await page.keyboard.press('Enter');

  await tabTo(page, page.getByRole('button', { name: 'Sign the accord' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('You are about to sign version 1');
  await tabTo(page, page.getByRole('dialog').getByRole('button', { name: 'Yes, I sign' }), 10);
  await page.keyboard.press('Enter');
  await expect(page.getByText('You signed the accord. Thank you!')).toBeVisible();
  await expect(page.locator('li.signature .signature-check')).toHaveText(/Verified in your browser/);

  // Revoking: "No" (Escape) gives focus back to the button; "Yes" revokes and forgets the key here.
  await page.goto('/me/keys');
  const revoke = page.getByRole('button', { name: 'Revoke the key "This device"' });
  await tabTo(page, revoke);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('Revoke the key?');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('dialog').getByRole('button', { name: 'Yes, revoke' }), 10);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Key revoked.')).toBeVisible();
  await expect(page.locator('.key-item')).toContainText('Revoked');
  await expect(page.getByRole('button', { name: 'Make a key on this device' })).toBeVisible();
  await expectAccessible(page, 'keys after revoking, in English');

  // The signature made before stays valid.
  await page.goto(`/accords/${id}`);
  await expect(page.locator('li.signature .signature-check')).toHaveText(/Verified in your browser/);
});
