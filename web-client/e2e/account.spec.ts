import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible, mailedLink, newPerson, tabTo } from './helpers';

// Search, notifications, password reset, moderation and administration, in a real browser against
// the demo instance. People and posts these tests need are made through the API (registering and
// confirming through the mail folder, as a resident would); what is under test is done in the UI.

type Person = ReturnType<typeof newPerson> & { token: string };

function demoAdmin(): { username: string; password: string } {
  const [username, password] = readFileSync(
    join(process.env.COMUNE_E2E_DATA_DIR ?? '', 'demo-admin.txt'),
    'utf8',
  ).split('\n');
  return { username, password };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function login(request: APIRequestContext, login: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { login, password } });
  expect(res.status(), `sign in as ${login}`).toBe(200);
  return (await res.json()).access_token;
}

/** A confirmed resident of `community` (registered, verified through the mailed link, joined). */
async function resident(request: APIRequestContext, prefix: string, community = 'ospizio'): Promise<Person> {
  const p = newPerson(prefix);
  const made = await request.post('/api/v1/accounts', {
    data: { username: p.username, email: p.email, password: p.password },
  });
  expect(made.status()).toBe(201);
  const link = await mailedLink(p.email, 'verify-email');
  const verified = await request.post('/api/v1/auth/verify-email', {
    data: { token: new URL(link).searchParams.get('token') },
  });
  expect(verified.ok()).toBe(true);
  const token = await login(request, p.username, p.password);
  const joined = await request.post(`/api/v1/communities/${community}/members`, { headers: bearer(token) });
  expect(joined.ok()).toBe(true);
  return { ...p, token };
}

async function dialogueChannel(request: APIRequestContext, community = 'ospizio'): Promise<string> {
  const c = await (await request.get(`/api/v1/communities/${community}`)).json();
  return c.channels.find((ch: { kind: string }) => ch.kind === 'dialogue').id;
}

async function post(request: APIRequestContext, author: Person, title: string, body: string): Promise<string> {
  const res = await request.post(`/api/v1/channels/${await dialogueChannel(request)}/posts`, {
    headers: bearer(author.token),
    data: { title, body },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/sign-in');
  await page.locator('#login').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('.header-user')).toBeVisible();
}

test('search from the header: results, highlighted and escaped snippets, facets and filters', async ({ page, request }) => {
  // A post whose title carries markup: the snippet must show it as text, never as HTML.
  const author = await resident(request, 'orto');
  const word = `zucchine${Date.now().toString(36)}`;
  await post(request, author, `Orto <b>condiviso</b> & ${word}`, 'Semi da scambiare <img src=x onerror="window.hacked=1">');

  await page.goto('/');
  const box = page.getByRole('search').getByLabel('Cerca');
  await box.fill('parco');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=parco$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Risultati per «parco»' })).toBeVisible();
  const hit = page.locator('.search-results > li').filter({ hasText: 'Incontro sul nuovo parco di via Adua' });
  await expect(hit).toBeVisible();
  // The matched word is highlighted, inside the snippet.
  await expect(hit.locator('.search-snippet mark').first()).toHaveText('parco');
  const total = page.getByRole('heading', { level: 2, name: /^\d+ risultat/ });
  await expect(total).toHaveText(/^\d+ risultati$/);
  const all = Number((await total.textContent())?.split(' ')[0]);
  await expectAccessible(page, 'search results');

  // A facet narrows the results to one neighbourhood; its count is the new total.
  const facet = page.getByRole('complementary').getByRole('button', { name: /^Ospizio \((\d+)\)$/ });
  const count = Number((await facet.textContent())?.match(/\((\d+)\)/)?.[1]);
  expect(count).toBeLessThan(all);
  await facet.click();
  await expect(page).toHaveURL(/community=ospizio/);
  await expect(total).toHaveText(count === 1 ? '1 risultato' : `${count} risultati`);
  await expect(page.getByLabel('Quartiere', { exact: true })).toHaveValue('ospizio');
  await expect(page.locator('.search-results > li').filter({ hasText: 'Santa Croce' })).toHaveCount(0);

  // Filters from the form: a kind with no match gives the empty state (people are not searched;
  // Ospizio's demo accord is).
  await page.getByLabel('Tipo', { exact: true }).selectOption('user');
  await page.locator('main form').getByRole('button', { name: 'Cerca' }).click();
  await expect(page).toHaveURL(/kind=user/);
  await expect(page.getByText('Nessun risultato.')).toBeVisible();

  // The escaped snippet: the title's tags are shown as text, with the word marked. (The index
  // is updated just after the post is stored: wait until the server finds it.)
  await expect
    .poll(async () => (await (await request.get(`/api/v1/search?q=${word}`)).json()).total)
    .toBeGreaterThan(0);
  await page.goto(`/search?q=${word}`);
  const mine = page.locator('.search-results > li').first();
  await expect(mine.locator('.search-snippet')).toHaveText(`Orto <b>condiviso</b> & ${word}`);
  await expect(mine.locator('.search-snippet mark')).toHaveText(word);
  await expect(page.locator('.search-results b, .search-results img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
});

test('a reply shows up as a notification with a badge; the resident marks it read and sets mail', async ({ page, request }) => {
  const anna = await resident(request, 'anna');
  const bruno = await resident(request, 'bruno');
  const title = `Pulizia del parco ${Date.now().toString(36)}`;
  const id = await post(request, anna, title, 'Chi viene sabato mattina?');
  const reply = await request.post(`/api/v1/posts/${id}/comments`, {
    headers: bearer(bruno.token),
    data: { body: 'Io ci sono, porto i guanti.' },
  });
  expect(reply.status()).toBe(201);

  await signIn(page, anna.username, anna.password);
  const link = page.getByRole('link', { name: /^Notifiche/ });
  await expect(link).toHaveText(/Notifiche\s*1\s*non lette/);
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifiche' })).toBeVisible();
  await expect(page.getByText('Notifiche da leggere: 1.')).toBeVisible();
  const item = page.locator('li.card').filter({ hasText: `${bruno.username} ha risposto in «${title}»` });
  await expect(item).toBeVisible();
  await expect(item.getByText('Nuova')).toBeVisible();
  await expectAccessible(page, 'notifications with an unread one');

  await item.getByRole('button', { name: /Segna come letta/ }).click();
  await expect(page.getByText('Notifica segnata come letta.')).toBeVisible();
  await expect(item.getByText('Nuova')).toHaveCount(0);
  await expect(page.getByText('Non hai notifiche da leggere.')).toBeVisible();
  await expect(link).toHaveText('Notifiche');
  // The server agrees.
  const after = await (await request.get('/api/v1/notifications?unread=true', { headers: bearer(anna.token) })).json();
  expect(after.unread_count).toBe(0);

  // Only unread ones: none left.
  // The kit draws its own box over the input: people click the label.
  await page.getByText('Mostra solo quelle da leggere').click();
  await expect(page.getByLabel('Mostra solo quelle da leggere')).toBeChecked();
  await expect(page.getByText('Nessuna notifica da leggere.')).toBeVisible();

  // Mail preferences: once a day.
  await page.getByText('Una volta al giorno, con un riassunto').click();
  await page.getByRole('button', { name: 'Salva la scelta' }).click();
  await expect(page.getByText('Scelta salvata.')).toBeVisible();
  const settings = await (await request.get('/api/v1/me/notification-settings', { headers: bearer(anna.token) })).json();
  expect(settings.email).toBe('daily');
  await page.reload();
  await expect(page.getByLabel('Una volta al giorno, con un riassunto')).toBeChecked();

  // The notice opens the post at the reply.
  await page.getByRole('link', { name: `${bruno.username} ha risposto in «${title}»` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('password reset through the mailed link', async ({ page, request }) => {
  const p = await resident(request, 'carla');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Hai dimenticato la password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password dimenticata' })).toBeVisible();
  await page.getByLabel('Indirizzo email').fill(p.email);
  await page.getByRole('button', { name: 'Mandami il collegamento' }).click();
  await expect(page.getByText(`Se ${p.email} ha un account, ti abbiamo mandato una email.`)).toBeVisible();

  const link = await mailedLink(p.email, 'reset-password');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Scegli una nuova password' })).toBeVisible();
  // A weak password is refused next to the field and stays typed.
  const field = page.getByLabel('Nuova password');
  await field.fill('corta');
  await page.getByRole('button', { name: 'Salva la nuova password' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('corta');
  await expect(field).toHaveAccessibleDescription(/troppo corto/);
  await expectAccessible(page, 'reset password with an error');

  const fresh = 'girasole-lampione-tram-77';
  await field.fill(fresh);
  await page.getByRole('button', { name: 'Salva la nuova password' }).click();
  await expect(page.getByText('Password cambiata.')).toBeVisible();

  // The link was single-use.
  await page.goto(link);
  await page.getByLabel('Nuova password').fill('un-altra-password-ancora-9');
  await page.getByRole('button', { name: 'Salva la nuova password' }).click();
  await expect(page.getByText('Il codice non è valido o è scaduto.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Chiedi un nuovo collegamento' })).toBeVisible();

  // The old password no longer works; the new one does.
  expect((await request.post('/api/v1/auth/login', { data: { login: p.username, password: p.password } })).status()).toBe(401);
  await signIn(page, p.username, fresh);
  await expect(page.getByText(`Sei entrato come ${p.username}`)).toBeVisible();
});

test('a resident reports a post, the moderator removes it from the queue, the public log shows it', async ({ page, request }) => {
  const author = await resident(request, 'dario');
  const reporter = await resident(request, 'elena');
  const title = `Vendo auto usata ${Date.now().toString(36)}`;
  const id = await post(request, author, title, 'Chiamatemi al numero...');

  // The resident reports it from the post.
  await signIn(page, reporter.username, reporter.password);
  await page.goto(`/posts/${id}`);
  await page.getByRole('link', { name: 'Segnala o modera questo messaggio' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Segnala ai moderatori' })).toBeVisible();
  // Not a moderator: no decision form.
  await expect(page.getByRole('heading', { name: 'Decisione del moderatore' })).toHaveCount(0);
  await page.getByLabel('Perché lo segnali?').fill('È pubblicità, non riguarda il quartiere.');
  await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
  await expect(page.getByText('Segnalazione inviata.')).toBeVisible();
  await page.getByRole('button', { name: 'Esci' }).click();

  // The moderator (the demo admin) finds it in the queue, linked from the community page.
  const admin = demoAdmin();
  await signIn(page, admin.username, admin.password);
  await page.goto('/c/ospizio');
  await page.getByRole('link', { name: 'Segnalazioni da esaminare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Segnalazioni da esaminare: Ospizio' })).toBeVisible();
  const report = page.locator('li.card').filter({ hasText: title });
  await expect(report.getByText('Motivo della segnalazione: È pubblicità')).toBeVisible();
  await expectAccessible(page, 'reports queue');
  // A decision needs a reason; what was chosen stays.
  await report.getByLabel('Decisione').selectOption('remove');
  await report.getByRole('button', { name: 'Applica la decisione' }).click();
  await expect(report.getByLabel('Motivo', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(report.getByLabel('Decisione')).toHaveValue('remove');
  await report.getByLabel('Motivo', { exact: true }).fill('Pubblicità commerciale');
  await report.getByRole('button', { name: 'Applica la decisione' }).click();
  await expect(page.getByText('Fatto: Rimuovi.')).toBeVisible();
  await expect(page.locator('li.card').filter({ hasText: title })).toHaveCount(0);

  // The post is gone for readers, and the public log says who removed it and why.
  expect((await request.get(`/api/v1/posts/${id}`)).status()).toBe(404);
  await page.getByRole('button', { name: 'Esci' }).click();
  await page.goto('/c/ospizio');
  await page.getByRole('link', { name: 'Registro della moderazione' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registro della moderazione di Ospizio' })).toBeVisible();
  const entry = page.locator('.modlog-entry').filter({ hasText: 'Motivo: Pubblicità commerciale' });
  await expect(entry).toContainText('Rimuovi: un messaggio');
  await expect(entry).toContainText(`Deciso da ${admin.username}`);
  // No link to a post readers can no longer open.
  await expect(entry.getByRole('link')).toHaveCount(0);
  await expectAccessible(page, 'moderation log');
});

test('the admin creates a channel; a refused one keeps what was typed', async ({ page, request }) => {
  const admin = demoAdmin();
  await signIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Amministrazione' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Amministrazione' })).toBeVisible();
  const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Nuovo canale' }) });
  const slug = `orti-${Date.now().toString(36)}`;
  await form.getByLabel('Quartiere').selectOption('ospizio');
  await form.getByLabel('Nome', { exact: true }).fill('Orti urbani');
  await form.getByLabel('Indirizzo breve').fill('Non Valido!');
  await form.getByLabel('Tipo').selectOption('events');
  await form.getByRole('button', { name: 'Crea il canale' }).click();
  const slugField = form.getByLabel('Indirizzo breve');
  await expect(slugField).toHaveAttribute('aria-invalid', 'true');
  await expect(slugField).toBeFocused();
  await expect(form.getByLabel('Nome', { exact: true })).toHaveValue('Orti urbani');
  await expect(form.getByLabel('Tipo')).toHaveValue('events');
  await expectAccessible(page, 'admin with a refused channel');

  await slugField.fill(slug);
  await form.getByRole('button', { name: 'Crea il canale' }).click();
  await expect(form.getByText('Canale Orti urbani creato.')).toBeVisible();
  const c = await (await request.get('/api/v1/communities/ospizio')).json();
  const made = c.channels.find((ch: { slug: string }) => ch.slug === slug);
  expect(made).toMatchObject({ name: 'Orti urbani', kind: 'events', visibility: 'public' });

  await form.getByRole('link', { name: 'Apri Orti urbani' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orti urbani' })).toBeVisible();
  await page.goto('/c/ospizio');
  await expect(page.getByRole('link', { name: 'Orti urbani' })).toBeVisible();
});

test('search and open a result with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('search').getByLabel('Cerca');
  await tabTo(page, box);
  await page.keyboard.type('via Adua');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Risultati per «via Adua»' })).toBeVisible();
  const result = page.locator('.search-results').getByRole('link', { name: 'Incontro sul nuovo parco di via Adua' });
  await tabTo(page, result, 80);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Incontro sul nuovo parco di via Adua' })).toBeVisible();
});

test('the profile shows the account; a picture is uploaded, refused when not an image, and removed', async ({ page, request }) => {
  const p = await resident(request, 'franca');
  await signIn(page, p.username, p.password);
  await page.getByRole('link', { name: 'Il mio profilo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Il mio profilo' })).toBeVisible();
  await expect(page.getByText(p.email)).toBeVisible();
  await expect(page.getByText('Confermata')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ospizio', exact: true })).toBeVisible();

  // Not an image: the server's refusal is shown next to the field.
  await page.getByLabel('Scegli una foto').setInputFiles({ name: 'nota.txt', mimeType: 'text/plain', buffer: Buffer.from('non sono una foto') });
  await page.getByRole('button', { name: 'Carica la foto' }).click();
  await expect(page.getByLabel('Scegli una foto')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#avatar-error')).toBeVisible();
  // In the reader's language, not the server's English.
  await expect(page.locator('#avatar-error')).toContainText("un'immagine che possiamo accettare");

  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGMwTjuDFTEMLQkAuYZZQRPJG+IAAAAASUVORK5CYII=',
    'base64',
  );
  await page.getByLabel('Scegli una foto').setInputFiles({ name: 'io.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Carica la foto' }).click();
  await expect(page.getByText('Foto del profilo aggiornata.')).toBeVisible();
  await expect(page.getByRole('img', { name: `Foto di ${p.username}` })).toBeVisible();
  const me = await (await request.get('/api/v1/me', { headers: bearer(p.token) })).json();
  expect(me.avatar_url).toMatch(/^\/media\//);
  await expectAccessible(page, 'profile with a picture');

  await page.getByRole('button', { name: 'Togli la foto' }).click();
  await expect(page.getByText('Foto del profilo tolta.')).toBeVisible();
  await expect(page.getByRole('img', { name: `Foto di ${p.username}` })).toHaveCount(0);
});

test('the admin appoints a facilitator, a channel moderator and an organisation member, and sets the federation policy', async ({ page, request }) => {
  const gina = await resident(request, 'gina');
  const admin = demoAdmin();
  await signIn(page, admin.username, admin.password);
  await page.goto('/admin');

  const facilitators = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Facilitatori' }) });
  await facilitators.getByLabel('Quartiere').selectOption('ospizio');
  await facilitators.getByLabel('Nome utente').fill(gina.username);
  await facilitators.getByRole('button', { name: 'Nomina' }).click();
  await expect(page.getByText(`${gina.username} ora è facilitatore.`)).toBeVisible();
  const me = await (await request.get('/api/v1/me', { headers: bearer(gina.token) })).json();
  expect(me.communities).toContainEqual({ slug: 'ospizio', name: 'Ospizio', role: 'facilitator' });

  // A channel moderator: appointed, listed, removed.
  const moderators = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Moderatori dei canali' }) });
  await moderators.getByLabel('Quartiere').selectOption('ospizio');
  await moderators.getByLabel('Canale').selectOption({ label: 'Dialogo' });
  await moderators.getByLabel(/^Nome utente, oppure org:/).fill('org:consulta-ospizio');
  await moderators.getByRole('button', { name: 'Nomina' }).click();
  await expect(moderators.getByText('Organizzazione consulta-ospizio')).toBeVisible();
  const channel = await (await request.get(`/api/v1/channels/${await dialogueChannel(request)}`)).json();
  expect(channel.moderators).toContainEqual({ kind: 'organization', name: 'consulta-ospizio' });
  await moderators.getByRole('button', { name: 'Togli consulta-ospizio dai moderatori' }).click();
  await expect(moderators.getByText('Nessun moderatore oltre ai facilitatori.')).toBeVisible();
  // An unknown person is refused with the server's reason; the name stays typed.
  await moderators.getByLabel(/^Nome utente, oppure org:/).fill('nessuno_cosi');
  await moderators.getByRole('button', { name: 'Nomina' }).click();
  await expect(moderators.getByText('Non trovato.')).toBeVisible();
  await expect(moderators.getByLabel(/^Nome utente, oppure org:/)).toHaveValue('nessuno_cosi');

  // An organisation's member.
  await page.getByRole('link', { name: 'Organizzazioni' }).click();
  await page.getByRole('link', { name: 'Consulta di Ospizio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consulta di Ospizio' })).toBeVisible();
  await page.getByLabel('Nome utente').fill(gina.username);
  await page.getByLabel('Ruolo').selectOption('member');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText(`${gina.username} ora è membro.`)).toBeVisible();
  await expect(page.locator('li').filter({ hasText: `(@${gina.username}) · membro` })).toBeVisible();

  // Federation: the policy, and a blocked instance.
  await page.goto('/admin/federation');
  await expect(page.getByRole('heading', { level: 2, name: 'Invii in corso' })).toBeVisible();
  await page.getByLabel('Con chi scambiare messaggi').selectOption('blocklist');
  await page.getByRole('button', { name: 'Salva la regola' }).click();
  await expect(page.getByText('Regola salvata: Con tutti tranne i siti bloccati.')).toBeVisible();
  await page.getByLabel('Indirizzo del sito').fill('spam.example');
  await page.getByRole('button', { name: 'Blocca il sito' }).click();
  const peer = page.locator('li.card').filter({ hasText: 'spam.example' });
  await expect(peer.getByText('Bloccato')).toBeVisible();
  const status = await (await request.get('/api/v1/admin/federation', { headers: bearer(await login(request, admin.username, admin.password)) })).json();
  expect(status.mode).toBe('blocklist');
  await expectAccessible(page, 'federation admin');
  // Back to open, as the other tests expect.
  await page.getByLabel('Con chi scambiare messaggi').selectOption('open');
  await page.getByRole('button', { name: 'Salva la regola' }).click();
  await expect(page.getByText('Regola salvata: Con tutti.')).toBeVisible();

  // Looking up a remote address that cannot be reached says so, and keeps the address.
  await page.goto('/remote');
  await page.getByLabel('Indirizzo').fill('quartiere@nessun-server.invalid');
  await page.getByRole('button', { name: 'Cerca', exact: true }).last().click();
  await expect(page.locator('main .alert-danger')).toBeVisible();
  await expect(page.getByLabel('Indirizzo')).toHaveValue('quartiere@nessun-server.invalid');
});

test('the moderator works through the reports queue with the keyboard alone', async ({ page, request }) => {
  const author = await resident(request, 'ugo');
  const reporter = await resident(request, 'vera');
  const title = `Offerta imperdibile ${Date.now().toString(36)}`;
  const id = await post(request, author, title, 'Compra ora!');
  const reported = await request.post('/api/v1/reports', {
    headers: bearer(reporter.token),
    data: { reason: 'Pubblicità', target: { kind: 'post', id } },
  });
  expect(reported.status()).toBe(201);

  const admin = demoAdmin();
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Nome utente o email'));
  await page.keyboard.type(admin.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await expect(page.locator('.header-user')).toBeVisible();

  await page.goto('/c/ospizio');
  await tabTo(page, page.getByRole('link', { name: 'Segnalazioni da esaminare' }));
  await page.keyboard.press('Enter');
  const report = page.locator('li.card').filter({ hasText: title });
  await expect(report).toBeVisible();
  // Choose "Lock" with the arrow keys, give the reason, send with Enter.
  await tabTo(page, report.getByLabel('Decisione'), 120);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(report.getByLabel('Decisione')).toHaveValue('lock');
  await page.keyboard.press('Tab');
  await expect(report.getByLabel('Motivo', { exact: true })).toBeFocused();
  await page.keyboard.type('Discussione chiusa: è pubblicità');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Fatto: Chiudi i commenti.')).toBeVisible();
  expect((await (await request.get(`/api/v1/posts/${id}`)).json()).locked).toBe(true);

  await tabTo(page, page.getByRole('link', { name: 'Registro della moderazione' }));
  await page.keyboard.press('Enter');
  await expect(
    page.locator('.modlog-entry').filter({ hasText: 'Motivo: Discussione chiusa: è pubblicità' }),
  ).toContainText('Chiudi i commenti: un messaggio');
});
