// Times the web client's own accord cryptography in Chromium: making one eddsa-jcs-2022 proof
// over a version's signing document, verifying one, and checking a whole bundle, each the median
// of RUNS runs measured with performance.now() around the client's functions
// (web-client/src/accords/). The modules are compiled from their TypeScript sources with the
// web client's own `typescript` and served from a loopback server, so what runs is exactly the
// client's code, without the rest of the app.
//
//   node bench/accords-browser/run.mjs        (after `npm install` in web-client/)
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const client = resolve(here, '..', '..', 'web-client');
const require = createRequire(join(client, 'package.json'));
const ts = require('typescript');
const { chromium } = require('@playwright/test');
const RUNS = Number(process.env.RUNS ?? 20);

/** `/name.js` → web-client/src/accords/name.ts, compiled, its relative imports given `.js`. */
function module(name) {
  const source = readFileSync(join(client, 'src', 'accords', `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return outputText.replace(/from '\.\/([a-z0-9]+)'/g, "from './$1.js'");
}

// Cross-origin isolation: Chromium then gives performance.now() 5 µs steps instead of 100 µs.
const ISOLATED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

const server = createServer((req, res) => {
  const m = req.url.match(/^\/([a-z0-9]+)\.js$/);
  try {
    if (m) {
      res.writeHead(200, { 'content-type': 'text/javascript', ...ISOLATED });
      res.end(module(m[1]));
    } else {
      res.writeHead(200, { 'content-type': 'text/html', ...ISOLATED });
      res.end('<!doctype html><title>bench</title><p>accords bench</p>');
    }
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  const figures = await page.evaluate(async (runs) => {
    const { canonicalize } = await import('/jcs.js');
    const { sha256Hex, verifyProof, importPublicKey } = await import('/proof.js');
    const { signVersion, signingDocument } = await import('/sign.js');
    const { toMultikey, fromMultikey } = await import('/base58.js');
    const { verifyBundle } = await import('/verify.js');

    // A version document of the server's shape, of a realistic size: ~4 KB of text, four
    // parties, three projects, three indicators.
    const accord = 'https://comune.example/accords/0193a1b2-0000-7000-8000-000000000001';
    const paragraph = 'Le parti si impegnano a curare insieme le aiuole, i giochi e le panchine del quartiere, ' +
      'a tenere aperta la sala civica il giovedì sera e a rendere conto ogni tre mesi di quanto fatto. ';
    const text = `# Accordo di cittadinanza\n\n${Array.from({ length: 8 }, (_, i) => `## Articolo ${i + 1}\n\n${paragraph.repeat(2)}`).join('\n\n')}`;
    const document = {
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/data-integrity/v2',
        { comune: 'https://w3id.org/comune/ns#', schema: 'http://schema.org/', accord: { '@id': 'comune:accord', '@type': '@id' },
          version: 'comune:version', previousHash: 'comune:previousHash', parties: { '@id': 'comune:parties', '@container': '@list' } }],
      type: 'Document', id: `${accord}/versions/1`, accord, version: 1, previousHash: null,
      attributedTo: 'https://comune.example/c/rosta-nuova', published: '2026-12-07T10:00:00Z',
      name: 'Accordo di Cittadinanza Rosta Nuova', summary: 'Cura delle aiuole e della sala civica.',
      mediaType: 'text/markdown', content: text, startDate: '2027-01-01', endDate: '2027-12-31',
      parties: ['comune', 'auser', 'volontari', 'forno'].map((key, i) => ({ key, kind: ['municipality', 'association', 'volunteer', 'business'][i], name: `Parte ${key}`, organization: `https://comune.example/o/${key}` })),
      projects: ['aiuole', 'sala', 'giochi'].map((key, i) => ({ key, kind: i ? 'city_care' : 'community_care', title: `Progetto ${key}`, description: paragraph, budgetCents: 1250000 * (i + 1), owners: ['comune', 'auser'] })),
      indicators: ['volontari', 'aperture', 'segnalazioni'].map((key) => ({ key, name: `Indicatore ${key}`, unit: 'persone', baseline: 4, targetValue: 20.5, project: 'aiuole' })),
    };
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const multikey = toMultikey(raw);
    const person = 'https://comune.example/u/anna';
    const keyId = `${person}#key-0193a1b2-0000-7000-8000-000000000002`;
    const signatory = { id: person, role: 'self' };
    const key = { privateKey: pair.privateKey, keyId, createdAt: '2026-12-07T09:00:00Z' };
    const now = new Date('2026-12-07T10:00:00Z');

    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const time = async (action) => {
      await action(); // warm-up, not counted
      const xs = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await action();
        xs.push(performance.now() - t0);
      }
      return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
    };

    let signed;
    const sign = await time(async () => {
      signed = await signVersion(document, signatory, key, now);
    });
    const secured = { ...signingDocument(document, signatory), proof: signed.proof };
    const verify = await time(async () => {
      if (await verifyProof(secured, pair.publicKey)) throw new Error('did not verify');
    });
    const verifyWithKey = await time(async () => {
      const publicKey = await importPublicKey(fromMultikey(multikey).key);
      if (await verifyProof(secured, publicKey)) throw new Error('did not verify');
    });
    const canonical = canonicalize(document);
    const bundle = {
      format: 'comune-accord-bundle/1',
      accord: { id: accord, title: document.name, state: 'open_for_signature', exported_at: '2026-12-07T11:00:00Z' },
      versions: [{ number: 1, canonical, hash: await sha256Hex(canonical), previous_hash: null }],
      signatures: [{ version: 1, signatory: signed.signatory, proof: signed.proof, received_at: '2026-12-07T10:00:01Z' }],
      keys: [{ id: keyId, controller: person, public_key_multibase: multikey, created_at: '2026-12-07T09:00:00Z', revoked_at: null }],
    };
    const bundleCheck = await time(async () => {
      if (!(await verifyBundle(bundle)).ok) throw new Error('bundle did not verify');
    });
    return {
      userAgent: navigator.userAgent,
      isolated: crossOriginIsolated,
      documentBytes: new TextEncoder().encode(canonicalize(secured)).length,
      sign, verify, verifyWithKey, bundleCheck,
    };
  }, RUNS);
  const ms = (x) => `${x.median.toFixed(3)} ms (min ${x.min.toFixed(3)}, max ${x.max.toFixed(3)})`;
  console.log(`${figures.userAgent}; cross-origin isolated (5 µs timer): ${figures.isolated}`);
  console.log(`signing document: ${figures.documentBytes} bytes canonical; median of ${RUNS} runs each`);
  console.log(`sign one proof (signVersion: JCS, 2 x SHA-256, Ed25519 sign):   ${ms(figures.sign)}`);
  console.log(`verify one proof (verifyProof, key already imported):            ${ms(figures.verify)}`);
  console.log(`verify one proof, Multikey decoded and imported first:            ${ms(figures.verifyWithKey)}`);
  console.log(`check a bundle (1 version, 1 signature, 1 key; verifyBundle):     ${ms(figures.bundleCheck)}`);
} finally {
  await browser.close();
  server.close();
}
