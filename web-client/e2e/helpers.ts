import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** axe-core with every WCAG 2.1 A and AA rule (contrast included): no violation allowed. */
export async function expectAccessible(page: Page, screen: string) {
  // Let the page settle: no spinner left, fonts loaded.
  await expect(page.locator('.progress-spinner')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const lang = await page.evaluate(() => document.documentElement.lang);
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${screen} [${lang}]`).toEqual([]);
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A mail's To header, unfolded. */
function recipient(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return headers.match(/^To:(.*)$/im)?.[1] ?? '';
}

/**
 * Every link to `/{route}?token=` mailed to `to`, oldest first. lettre names the mail files at
 * random, so the order comes from the files' modification times; only mails whose To header names
 * `<to>` and whose text has a link of this kind count.
 */
export function mailedLinks(to: string, route: string): string[] {
  const dir = join(process.env.COMUNE_E2E_DATA_DIR ?? '', 'mail');
  const pattern = new RegExp(`https?://[^\\s]+/${route}\\?token=[A-Za-z0-9_-]+`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime)
    .map(({ path }) => readFileSync(path, 'utf8'))
    .filter((raw) => recipient(raw).includes(`<${to}>`))
    .map((raw) => decodeQuotedPrintable(raw).match(pattern)?.[0])
    .filter((l): l is string => !!l);
}

/**
 * The link to `/{route}?token=` in the newest such mail to `to`, waiting for it. With `seen`, a
 * link other than those (the mail that came after them), so two mails of one kind are never
 * confused.
 */
export async function mailedLink(to: string, route: string, seen: string[] = []): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = mailedLinks(to, route)
          .filter((l) => !seen.includes(l))
          .pop();
        return found;
      },
      { message: `a mail to ${to} with a new /${route} link` },
    )
    .toBeTruthy();
  return found as string;
}

/** Presses Tab until `target` has focus (failing after `max` presses): keyboard reachability. */
export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      // Focus must be visible: some outline or box-shadow on the focused element.
      const visible = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      });
      expect(visible, 'the focused element shows its focus').toBe(true);
      return;
    }
  }
  throw new Error(`could not reach ${target} with Tab`);
}

/** Nothing is wider than the window: no horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page, screen: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `horizontal scrolling on ${screen}`).toBeLessThanOrEqual(client);
}

let counter = 0;
/** A fresh username and address for this run. */
export function newPerson(prefix: string) {
  counter += 1;
  const id = `${prefix}_${Date.now().toString(36)}${counter}`;
  return { username: id, email: `${id}@example.org`, password: 'cavallo-batteria-graffetta-42' };
}

/** The demo admin's username and password, written by the demo seed. */
export function demoAdmin(): { username: string; password: string } {
  const [username, password] = readFileSync(
    join(process.env.COMUNE_E2E_DATA_DIR ?? '', 'demo-admin.txt'),
    'utf8',
  ).split('\n');
  return { username, password };
}

/** An access token for `login`, through the API. */
export async function apiToken(request: Page['request'], login: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { login, password } });
  expect(res.ok(), `sign in ${login}`).toBe(true);
  return (await res.json()).access_token as string;
}

/**
 * A resident made through the API: registered, address confirmed through the mailed link, member
 * of `communities`. Returns the person and an access token.
 */
export async function apiResident(request: Page['request'], prefix: string, communities: string[]) {
  const p = newPerson(prefix);
  const created = await request.post('/api/v1/accounts', {
    data: { username: p.username, email: p.email, password: p.password },
  });
  expect(created.status(), 'register through the API').toBe(201);
  const token = new URL(await mailedLink(p.email, 'verify-email')).searchParams.get('token');
  const verified = await request.post('/api/v1/auth/verify-email', { data: { token } });
  expect(verified.ok(), 'verify through the API').toBe(true);
  const access = await apiToken(request, p.username, p.password);
  for (const slug of communities) {
    const joined = await request.post(`/api/v1/communities/${slug}/members`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(joined.ok(), `join ${slug}`).toBe(true);
  }
  return { ...p, token: access };
}

/** Signs `p` in through the sign-in screen (Italian or English labels). */
export async function signInThroughForm(page: Page, p: { username: string; password: string }) {
  await page.goto('/sign-in');
  await page.locator('#login').fill(p.username);
  await page.locator('#password').fill(p.password);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('.header-user')).toBeVisible();
}
