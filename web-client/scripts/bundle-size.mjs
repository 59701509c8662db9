// After `vite build`: the JavaScript a browser downloads to show the home screen (the entry chunk
// and everything it imports statically, which Vite preloads), gzip-compressed as the server sends
// it. Fails above the budget; writes dist/bundle-size.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 150;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(resolve(dist, '.vite', 'manifest.json'), 'utf8'));

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('no entry chunk in the Vite manifest');
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
visit(entry);

const files = [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
let raw = 0;
let gzip = 0;
const rows = files.map((file) => {
  const bytes = readFileSync(resolve(dist, file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  return { file, raw: bytes.length, gzip: zipped };
});
const kb = (n) => Math.round((n / 1024) * 10) / 10;
for (const r of rows) console.log(`  ${r.file}: ${kb(r.raw)} KB, ${kb(r.gzip)} KB gzip`);
console.log(`First-load JavaScript of the home screen: ${kb(raw)} KB, ${kb(gzip)} KB gzip (budget ${BUDGET_KB} KB).`);
writeFileSync(
  resolve(dist, 'bundle-size.json'),
  JSON.stringify({ files: rows, raw, gzip, budget_kb: BUDGET_KB }, null, 2),
);
if (gzip > BUDGET_KB * 1024) {
  console.error(`Over budget: ${kb(gzip)} KB > ${BUDGET_KB} KB.`);
  process.exit(1);
}
