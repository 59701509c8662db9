import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiResident, expectAccessible, expectNoHorizontalScroll } from './helpers';
import { ACCORD_COMMUNITY, accordContent, adminToken, apiSign, draftAccord, moveAccord, openAccord } from './accords-helpers';

const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');

interface Screen {
  name: string;
  path: string;
  /** Something that shows once the screen has loaded. */
  ready: (page: Page) => ReturnType<Page['getByRole']> | ReturnType<Page['locator']>;
}

/** Every screen of the client, with real ids from the demo instance. */
async function screens(request: APIRequestContext): Promise<Screen[]> {
  const community = await (await request.get('/api/v1/communities/ospizio')).json();
  const dialogue = community.channels.find((c: { kind: string }) => c.kind === 'dialogue');
  const ofKind = (kind: string) => community.channels.find((c: { kind: string }) => c.kind === kind);
  const [events, codesign, businesses, announcements] = ['events', 'codesign', 'businesses', 'announcements'].map(ofKind);
  const firstPost = async (channel: { id: string }) =>
    (await (await request.get(`/api/v1/channels/${channel.id}/posts`)).json()).items[0];
  const event = await firstPost(events);
  const process = await firstPost(codesign);
  const proposal = (await (await request.get(`/api/v1/posts/${process.id}/proposals`)).json())[0];
  const listing = await firstPost(businesses);
  const feed = await (await request.get(`/api/v1/channels/${dialogue.id}/posts`)).json();
  const post = feed.items.find((p: { comment_count: number }) => p.comment_count > 0) ?? feed.items[0];
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  return [
    { name: 'home', path: '/', ready: (page) => page.locator('.it-card').first() },
    { name: 'community', path: '/c/ospizio', ready: (page) => page.locator('.it-card').first() },
    { name: 'channel', path: `/channels/${dialogue.id}`, ready: (page) => page.locator('.it-card').first() },
    { name: 'channel-events', path: `/channels/${events.id}`, ready: (page) => page.locator('.agenda-day').first() },
    { name: 'channel-codesign', path: `/channels/${codesign.id}`, ready: (page) => page.locator('.it-card').first() },
    { name: 'channel-businesses', path: `/channels/${businesses.id}`, ready: (page) => page.locator('li.listing').first() },
    { name: 'channel-announcements', path: `/channels/${announcements.id}`, ready: (page) => page.locator('.announcement').first() },
    { name: 'post', path: `/posts/${post.id}`, ready: (page) => page.locator('#comments-heading') },
    { name: 'event', path: `/posts/${event.id}`, ready: (page) => page.locator('.event-facts') },
    { name: 'process', path: `/posts/${process.id}`, ready: (page) => page.locator('#proposals-heading ~ ul .it-card') },
    { name: 'proposal', path: `/posts/${proposal.id}`, ready: (page) => page.locator('.support-count') },
    { name: 'listing', path: `/posts/${listing.id}`, ready: (page) => page.locator('.listing-details') },
    { name: 'new-event', path: `/channels/${events.id}/new-event`, ready: h1 },
    { name: 'register', path: '/register', ready: h1 },
    { name: 'sign-in', path: '/sign-in', ready: h1 },
    { name: 'verify-email-failed', path: '/verify-email?token=nope', ready: (page) => page.locator('.alert-danger') },
    { name: 'verify-email-missing', path: '/verify-email', ready: (page) => page.locator('.alert-warning') },
    { name: 'search', path: '/search?q=parco', ready: (page) => page.locator('.search-results li') },
    { name: 'password-reset', path: '/password-reset', ready: h1 },
    { name: 'reset-password', path: '/reset-password?token=nope', ready: (page) => page.locator('#password') },
    { name: 'modlog', path: '/c/ospizio/modlog', ready: (page) => page.locator('.empty-state, .modlog-entry') },
    { name: 'remote-signed-out', path: '/remote', ready: h1 },
    { name: 'not-found', path: '/no/such/page', ready: h1 },
    ...(await accordScreens(request)),
  ];
}

/** An accord's page once this browser has checked its bundle. */
const CHECKED = 'body:has(.verify-status[data-state="done"])';

let accordsMade: Promise<{ open: string; codesign: string }> | null = null;

/**
 * Two accords, made once for the whole file: one open for signature with a signature, one being
 * co-designed with two versions (so its page shows what changed).
 */
function accords(request: APIRequestContext) {
  accordsMade ??= (async () => {
    const open = await openAccord(request, 'Accordo per le aiuole (schermate)');
    const signer = await apiResident(request, 'schermate', [ACCORD_COMMUNITY]);
    await apiSign(request, signer.token, open);
    const token = await adminToken(request);
    const codesign = await draftAccord(request, token, 'Accordo per il doposcuola (schermate)');
    const content = await accordContent(request, 'Accordo per il doposcuola (schermate)');
    content.text += '\n- merenda insieme il venerdì';
    content.projects[0].budget_cents = 1_500_000;
    content.projects.push({ ...content.projects[0], key: 'compiti', title: 'Aiuto compiti', owners: [] });
    const version = await request.post(`/api/v1/accords/${codesign}/versions`, {
      headers: { authorization: `Bearer ${token}` },
      data: content,
    });
    expect(version.status(), 'a second version').toBe(201);
    await moveAccord(request, token, codesign, 'co_design');
    return { open, codesign };
  })();
  return accordsMade;
}

async function accordScreens(request: APIRequestContext): Promise<Screen[]> {
  const { open, codesign } = await accords(request);
  return [
    { name: 'accords', path: `/c/${ACCORD_COMMUNITY}/accords`, ready: (page) => page.locator('.accord-list li') },
    { name: 'accord', path: `/accords/${open}`, ready: (page) => page.locator(`${CHECKED} .signature-check`) },
    { name: 'accord-codesign', path: `/accords/${codesign}`, ready: (page) => page.locator(`${CHECKED} .accord-diff`) },
    { name: 'accords-verify', path: '/accords/verify', ready: (page) => page.locator('#bundle-file') },
  ];
}

/** Screens for signed-in people (the demo admin sees every one of them). */
async function signedInScreens(request: APIRequestContext): Promise<Screen[]> {
  const community = await (await request.get('/api/v1/communities/ospizio')).json();
  const dialogue = community.channels.find((c: { kind: string }) => c.kind === 'dialogue');
  const feed = await (await request.get(`/api/v1/channels/${dialogue.id}/posts`)).json();
  return [
    { name: 'notifications', path: '/notifications', ready: (page) => page.locator('input[name=email-mode]').first() },
    { name: 'profile', path: '/me', ready: (page) => page.locator('#avatar-file') },
    { name: 'reports', path: '/c/ospizio/reports', ready: (page) => page.locator('.empty-state, .card') },
    { name: 'moderate-post', path: `/posts/${feed.items[0].id}/moderate`, ready: (page) => page.locator('#act-reason') },
    { name: 'admin', path: '/admin', ready: (page) => page.locator('#channel-name') },
    { name: 'organizations', path: '/admin/organizations', ready: (page) => page.locator('#org-name') },
    { name: 'organization', path: '/admin/organizations/comune', ready: (page) => page.locator('#member-username') },
    { name: 'federation', path: '/admin/federation', ready: (page) => page.locator('#fed-host') },
    { name: 'remote', path: '/remote', ready: (page) => page.locator('#remote-q') },
    ...(await authoringScreens(request, community)),
    ...(await signedInAccordScreens(request)),
  ];
}

/**
 * Starting a process, adding a listing (the demo admin made a member of a demo business, so the
 * form shows) and a listing's page with its offers' management.
 */
async function authoringScreens(
  request: APIRequestContext,
  community: { channels: { id: string; kind: string }[] },
): Promise<Screen[]> {
  const ofKind = (kind: string) => community.channels.find((c) => c.kind === kind)!;
  const [username, password] = readFileSync(join(process.env.COMUNE_E2E_DATA_DIR ?? '', 'demo-admin.txt'), 'utf8').split('\n');
  const login = await (await request.post('/api/v1/auth/login', { data: { login: username, password } })).json();
  const member = await request.put(`/api/v1/organizations/bar-centrale-ospizio/members/${username}`, {
    headers: { authorization: `Bearer ${login.access_token}` },
    data: { role: 'member' },
  });
  expect(member.ok(), 'the demo admin joins a demo business').toBe(true);
  const listings = await (await request.get(`/api/v1/channels/${ofKind('businesses').id}/posts`)).json();
  return [
    { name: 'new-process', path: `/channels/${ofKind('codesign').id}/new-process`, ready: (page) => page.locator('#title') },
    { name: 'new-listing', path: `/channels/${ofKind('businesses').id}/new-listing`, ready: (page) => page.locator('#organization') },
    { name: 'listing-offers', path: `/posts/${listings.items[0].id}`, ready: (page) => page.locator('#offer-title') },
  ];
}

/** The accords' screens for the demo admin: drafting, signing (no key yet), editing, keys. */
async function signedInAccordScreens(request: APIRequestContext): Promise<Screen[]> {
  const { open, codesign } = await accords(request);
  return [
    { name: 'accord-new', path: `/c/${ACCORD_COMMUNITY}/accords/new`, ready: (page) => page.locator('#accord-title') },
    { name: 'accord-signing', path: `/accords/${open}`, ready: (page) => page.locator(`${CHECKED} .accord-sign a.btn`) },
    { name: 'accord-editing', path: `/accords/${codesign}`, ready: (page) => page.locator(`${CHECKED} #steps-heading ~ * button`) },
    { name: 'keys', path: '/me/keys', ready: (page) => page.locator('#key-label') },
  ];
}

async function open(page: Page, screen: Screen) {
  await page.goto(screen.path);
  await expect(screen.ready(page).first()).toBeVisible();
  await expect(page.locator('.progress-spinner')).toHaveCount(0);
}

async function signInAsDemoAdmin(page: Page) {
  const [username, password] = readFileSync(
    join(process.env.COMUNE_E2E_DATA_DIR ?? '', 'demo-admin.txt'),
    'utf8',
  ).split('\n');
  await page.goto('/sign-in');
  await page.locator('#login').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('.header-user')).toBeVisible();
}

for (const locale of ['it', 'en'] as const) {
  test(`every screen passes axe (WCAG 2.1 A and AA) in ${locale}, signed out and signed in`, async ({ page, request }) => {
    await page.addInitScript((l) => localStorage.setItem('comune.locale', l), locale);
    const all = await screens(request);
    for (const screen of all) {
      await open(page, screen);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expectAccessible(page, `${screen.name}, signed out`);
    }
    await signInAsDemoAdmin(page);
    for (const screen of all.filter((s) => ['home', 'community', 'channel', 'post'].includes(s.name))) {
      // In-app navigation keeps the session in memory; a reload resumes it from the refresh token.
      await open(page, screen);
      await expect(page.locator('.header-user')).toBeVisible();
      await expectAccessible(page, `${screen.name}, signed in`);
    }
    for (const screen of await signedInScreens(request)) {
      await open(page, screen);
      await expect(page.locator('.header-user')).toBeVisible();
      await expectAccessible(page, `${screen.name}, signed in`);
    }
  });
}

test('screens fit 320 px and 200% text without horizontal scrolling (screenshots)', async ({ page, request }) => {
  mkdirSync(SHOTS, { recursive: true });
  const all = await screens(request);
  const shot = ['home', 'community', 'channel', 'post', 'register', 'search'];
  shot.push('channel-events', 'event', 'channel-codesign', 'process', 'channel-businesses', 'channel-announcements');
  shot.push('accords', 'accord', 'accord-codesign', 'accords-verify');

  await page.setViewportSize({ width: 1280, height: 900 });
  for (const screen of all.filter((s) => shot.includes(s.name))) {
    await open(page, screen);
    await page.screenshot({ path: join(SHOTS, `${screen.name}.png`) });
  }

  await page.setViewportSize({ width: 320, height: 720 });
  for (const screen of all) {
    await open(page, screen);
    await expectNoHorizontalScroll(page, `${screen.name} at 320 px`);
    if (shot.includes(screen.name)) {
      await page.screenshot({ path: join(SHOTS, `${screen.name}-320px.png`), fullPage: true });
    }
  }

  // 200% text: the root font size doubled, as a browser's text-size setting does.
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const screen of all) {
    await open(page, screen);
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    await expectNoHorizontalScroll(page, `${screen.name} at 200% text`);
    if (shot.includes(screen.name)) {
      await page.screenshot({ path: join(SHOTS, `${screen.name}-text200.png`) });
    }
  }

  // The signed-in screens, at 320 px and at 200% text, with screenshots of the main ones.
  const signedIn = await signedInScreens(request);
  const signedInShot = ['notifications', 'profile', 'admin'];
  signedInShot.push('new-process', 'new-listing', 'listing-offers');
  signedInShot.push('accord-new', 'accord-signing', 'keys');
  await signInAsDemoAdmin(page);
  for (const screen of signedIn.filter((s) => signedInShot.includes(s.name))) {
    await open(page, screen);
    await page.screenshot({ path: join(SHOTS, `${screen.name}.png`) });
  }
  await page.setViewportSize({ width: 320, height: 720 });
  for (const screen of signedIn) {
    await open(page, screen);
    await expectNoHorizontalScroll(page, `${screen.name} at 320 px`);
    if (signedInShot.includes(screen.name)) {
      await page.screenshot({ path: join(SHOTS, `${screen.name}-320px.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const screen of signedIn) {
    await open(page, screen);
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    await expectNoHorizontalScroll(page, `${screen.name} at 200% text`);
  }
});

test('the accessibility check does catch a violation', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.it-card').first()).toBeVisible();
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'testo poco leggibile';
    p.style.color = '#d0d0d0';
    p.style.background = '#ffffff';
    document.querySelector('main')?.append(p);
  });
  await expect(expectAccessible(page, 'home with low contrast')).rejects.toThrow(/color-contrast/);
});
