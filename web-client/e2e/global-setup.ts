import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** Starts `comune serve` for the whole run; the returned function stops it and removes its data. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = process.env.COMUNE_BIN || join(root, 'target', 'debug', 'comune');
  const web = join(root, 'web-client', 'dist');
  if (!existsSync(bin)) throw new Error(`no server binary at ${bin}: run cargo build --bin comune`);
  if (!existsSync(join(web, 'index.html'))) throw new Error('no built client: run npm run build');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'comune-e2e-'));
  // Only our settings: a COMUNE_DATABASE_URL or COMUNE_SMTP_URL of the caller must not leak in.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('COMUNE_')),
  );
  const server: ChildProcess = spawn(bin, ['serve'], {
    cwd: dataDir,
    env: {
      ...env,
      COMUNE_DATA_DIR: dataDir,
      COMUNE_BIND: `127.0.0.1:${port}`,
      COMUNE_PUBLIC_URL: url,
      COMUNE_WEB_DIR: web,
      COMUNE_DEMO: 'true',
      // A themed instance: every screen (and its axe check) runs with this name and colour.
      COMUNE_INSTANCE_NAME: 'Comune di Prova',
      COMUNE_THEME_COLOR: '#0b5e3b',
      COMUNE_THROTTLE_REGISTER_PER_CLIENT: '1000',
      COMUNE_THROTTLE_LOGIN_PER_CLIENT: '1000',
      COMUNE_THROTTLE_LOGIN_PER_ACCOUNT: '1000',
      COMUNE_LOG: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  server.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('the comune server exited at start');
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the comune server did not answer in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.COMUNE_E2E_URL = url;
  process.env.COMUNE_E2E_DATA_DIR = dataDir;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => (exited ? r(null) : server.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
