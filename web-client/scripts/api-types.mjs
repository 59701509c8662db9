// Generates src/api/schema.d.ts from the server's OpenAPI document, or (--check) fails when the
// committed file differs from what the current server would generate.
//
// The document comes from `comune openapi`: the binary named by COMUNE_BIN, else
// ../target/debug/comune, else `cargo run --bin comune -- openapi`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const target = resolve(here, '..', 'src', 'api', 'schema.d.ts');
const check = process.argv.includes('--check');

function openapiDocument() {
  const bin = process.env.COMUNE_BIN || resolve(root, 'target', 'debug', 'comune');
  const options = { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 };
  if (existsSync(bin)) return execFileSync(bin, ['openapi'], options);
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'comune', '--', 'openapi'], options);
}

const header =
  '// Generated from the server\'s OpenAPI document by `npm run api:types`. Do not edit.\n\n';
const ast = await openapiTS(JSON.parse(openapiDocument()));
const generated = header + astToString(ast);

if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== generated) {
    console.error(
      'src/api/schema.d.ts differs from the server\'s OpenAPI document: run `npm run api:types` and commit it.',
    );
    process.exit(1);
  }
  console.log('API types match the server\'s OpenAPI document.');
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
