// Fedify's Object Integrity Proofs (FEP-8b32, eddsa-jcs-2022) against Comune's, for
// tests/tests/accords_interop.rs. Reads one JSON request on standard input, prints one JSON answer.
//
//   node fedify-proofs.mjs keygen   -> {public_key_multibase, private_jwk}
//   node fedify-proofs.mjs sign     {document, key_id, private_jwk} -> {proof}
//   node fedify-proofs.mjs verify   {secured, documents: {url: json}} -> {verified, key_id}
//
// `sign` uses Fedify's createProof. createProof signs what an object's `toJsonLd` gives; our
// version documents carry terms Fedify's vocabulary does not know, so the object handed to it
// answers `toJsonLd` with the document itself (Fedify then canonicalises and signs it as it
// would its own). `verify` uses Fedify's verifyProof, which fetches the proof's key from the
// signer's actor (`assertionMethod`, FEP-521a) through the document loader given here: it
// serves the documents the test fetched from the real server and the contexts Fedify ships
// with, and nothing else.
import { createProof, verifyProof } from '@fedify/fedify';
import { DataIntegrityProof } from '@fedify/fedify/vocab';
import { encodeMultibase, exportMultibaseKey, preloadedContexts } from '@fedify/vocab-runtime';
import { Temporal } from '@js-temporal/polyfill';

async function input() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim() ? JSON.parse(text) : {};
}

function loader(documents) {
  return async (url) => {
    const bare = url.split('#')[0];
    const document = documents[bare] ?? preloadedContexts[bare];
    if (document == null) throw new Error(`not available offline: ${url}`);
    return { contextUrl: null, documentUrl: bare, document };
  };
}

const commands = {
  async keygen() {
    const { privateKey, publicKey } = await crypto.subtle.generateKey('Ed25519', true, [
      'sign',
      'verify',
    ]);
    return {
      public_key_multibase: await exportMultibaseKey(publicKey),
      private_jwk: await crypto.subtle.exportKey('jwk', privateKey),
    };
  },

  async sign({ document, key_id, private_jwk }) {
    // WebCrypto directly: Fedify's importJwk reads `navigator`, which Node 20 lacks.
    const privateKey = await crypto.subtle.importKey('jwk', private_jwk, 'Ed25519', true, ['sign']);
    const object = { clone: () => ({ toJsonLd: async () => document }) };
    // Whole seconds: Comune keeps key times to the second.
    const created = Temporal.Instant.fromEpochMilliseconds(Math.floor(Date.now() / 1000) * 1000);
    const proof = await createProof(object, privateKey, new URL(key_id), { created });
    return {
      proof: {
        '@context': document['@context'],
        type: 'DataIntegrityProof',
        cryptosuite: proof.cryptosuite,
        verificationMethod: proof.verificationMethodId.href,
        proofPurpose: proof.proofPurpose,
        created: proof.created.toString(),
        proofValue: new TextDecoder().decode(encodeMultibase('base58btc', proof.proofValue)),
      },
    };
  },

  async verify({ secured, documents }) {
    const documentLoader = loader(documents);
    const options = { documentLoader, contextLoader: documentLoader };
    const proof = await DataIntegrityProof.fromJsonLd(withoutContext(secured.proof), options);
    const key = await verifyProof(secured, proof, options);
    return { verified: key != null, key_id: key?.id?.href ?? null };
  },
};

// The proof read as Fedify reads an embedded one: under the Data Integrity context it preloads
// (the proof's own `@context` is the document's, which only the signature needs).
function withoutContext(proof) {
  const { ['@context']: _, ...rest } = proof;
  return { '@context': 'https://w3id.org/security/data-integrity/v1', ...rest };
}

const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: fedify-proofs.mjs keygen|sign|verify < request.json');
  process.exit(2);
}
console.log(JSON.stringify(await command(await input())));
