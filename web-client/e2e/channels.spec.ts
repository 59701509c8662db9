import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  apiResident,
  apiToken,
  demoAdmin,
  expectAccessible,
  signInThroughForm,
  tabTo,
} from './helpers';

// The channel kinds other than discussion, on the demo instance's Santa Croce: an events channel
// ("Cena dei popoli", 60 places), a co-design process in its proposals phase ("Il nuovo parco di
// via Adua") and a businesses channel, plus the announcements of every neighbourhood.

type Channel = { id: string; kind: string; name: string };

async function channelOf(page: Page, slug: string, kind: string): Promise<Channel> {
  const community = await (await page.request.get(`/api/v1/communities/${slug}`)).json();
  return community.channels.find((c: Channel) => c.kind === kind);
}

/** The number in a text such as "3 persone ci vanno" or "4 sostegni". */
async function countIn(page: Page, selector: ReturnType<Page['locator']>): Promise<number> {
  const text = (await selector.textContent()) ?? '';
  const n = text.match(/\d+/);
  expect(n, `a number in "${text}"`).not.toBeNull();
  return Number(n![0]);
}

test('a resident answers an event, joins its waiting list, supports a proposal, finds a business open now, gets the calendar file', async ({ page }) => {
  const resident = await apiResident(page.request, 'rosa', ['santa-croce']);
  const other = await apiResident(page.request, 'piero', ['santa-croce']);
  await signInThroughForm(page, resident);

  // The agenda: coming events by day; the event page; going, and the count goes up.
  await page.goto('/c/santa-croce');
  await page.getByRole('link', { name: 'Eventi', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Prossimi eventi' })).toBeVisible();
  const dinner = page.locator('li').filter({ has: page.getByRole('link', { name: 'Cena dei popoli' }) });
  await expect(dinner.getByRole('heading', { level: 4 })).toBeVisible();
  // Each day is a heading above its events.
  await expect(page.locator('section.agenda-day').filter({ has: dinner }).getByRole('heading', { level: 3 })).toHaveText(/dicembre 2026/);
  await expectAccessible(page, 'events channel, signed in');
  await dinner.getByRole('link', { name: 'Cena dei popoli' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cena dei popoli' })).toBeVisible();
  const people = page.locator('.event-facts dd').nth(3);
  const before = await countIn(page, people);
  await page.getByRole('button', { name: 'Partecipo' }).click();
  await expect(page.getByText('Fatto: ci sarai.')).toBeVisible();
  await expect(page.getByText('Ci sarai: il tuo posto è confermato.')).toBeVisible();
  await expect(people).toContainText(`${before + 1} persone ci vanno`);
  await expectAccessible(page, 'event page, going');
  // It is the server's state: a reload shows it, and the agenda marks the event.
  await page.reload();
  await expect(page.getByText('Ci sarai: il tuo posto è confermato.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Non vengo più' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sei qui' }).getByRole('link', { name: 'Eventi' }).click();
  await expect(dinner.getByText('Ci vai')).toBeVisible();

  // "Add to calendar" downloads a valid iCalendar file of this event.
  await dinner.getByRole('link', { name: 'Cena dei popoli' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Aggiungi al tuo calendario (file .ics)' }).click();
  const ics = readFileSync(await (await download).path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics).toContain('SUMMARY:Cena dei popoli');
  expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  await page.getByRole('button', { name: 'Non vengo più' }).click();
  await expect(page.getByText('Fatto: non sei più iscritto a questo evento.')).toBeVisible();
  await expect(people).toContainText(`${before} persone ci vanno`);

  // Organising an event with one place: the server's refusal keeps what was typed.
  await page.getByRole('navigation', { name: 'Sei qui' }).getByRole('link', { name: 'Eventi' }).click();
  await page.getByRole('link', { name: 'Organizza un evento' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organizza un evento' })).toBeVisible();
  const title = `Merenda in cortile ${Date.now().toString(36)}`;
  await page.getByLabel('Nome dell\'evento').fill(title);
  await page.getByLabel('Nome del luogo').fill('Cortile di via Adua');
  await page.getByLabel('Numero di posti (facoltativo)').fill('uno');
  await page.getByRole('button', { name: 'Pubblica l\'evento' }).click();
  await expect(page.getByLabel('Numero di posti (facoltativo)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Numero di posti (facoltativo)')).toHaveAccessibleDescription(/numero intero/);
  await page.getByLabel('Numero di posti (facoltativo)').fill('1');
  await page.getByRole('button', { name: 'Pubblica l\'evento' }).click();
  // No day: refused by the server, said next to the field; the title stays.
  await expect(page.getByLabel('Giorno', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Nome dell\'evento')).toHaveValue(title);
  await expectAccessible(page, 'new event with errors');
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Giorno', { exact: true }).fill(day);
  await page.getByLabel('Ora di inizio').fill('16:00');
  await page.getByLabel('Ora di fine').fill('15:00');
  await page.getByRole('button', { name: 'Pubblica l\'evento' }).click();
  await expect(page.getByLabel('Ora di fine')).toHaveAccessibleDescription(/dopo l'inizio/);
  await page.getByLabel('Ora di fine').fill('18:00');
  await page.getByRole('button', { name: 'Pubblica l\'evento' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Evento pubblicato.')).toBeVisible();
  await expect(page.locator('.event-facts')).toContainText('Liberi: 1 su 1');
  const eventId = page.url().split('/posts/')[1];

  // Someone else takes the only place: the resident can only join the waiting list.
  const taken = await page.request.post(`/api/v1/posts/${eventId}/rsvp`, {
    headers: { authorization: `Bearer ${other.token}` },
  });
  expect((await taken.json()).status).toBe('going');
  await page.reload();
  await expect(page.locator('.event-facts')).toContainText('Liberi: 0 su 1');
  await page.getByRole('button', { name: 'Mettimi in lista d\'attesa' }).click();
  await expect(page.getByText('I posti sono finiti: sei in lista d\'attesa.')).toBeVisible();
  await expect(page.getByText('Sei in lista d\'attesa. Se si libera un posto')).toBeVisible();
  await expect(page.locator('.event-facts')).toContainText('1 in lista d\'attesa');
  // The other person withdraws: the first on the waiting list takes the place.
  await page.request.delete(`/api/v1/posts/${eventId}/rsvp`, {
    headers: { authorization: `Bearer ${other.token}` },
  });
  await page.reload();
  await expect(page.getByText('Ci sarai: il tuo posto è confermato.')).toBeVisible();

  // The author cancels it: shown as cancelled on the page and in the agenda.
  await page.getByRole('button', { name: 'Annulla l\'evento' }).click();
  await page.getByLabel('Perché annulli l\'evento?').fill('Pioggia prevista.');
  await page.getByRole('button', { name: 'Conferma l\'annullamento' }).click();
  await expect(page.getByText('Questo evento è stato annullato.')).toBeVisible();
  await expect(page.getByText('Motivo: Pioggia prevista.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Non vengo più' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Sei qui' }).getByRole('link', { name: 'Eventi' }).click();
  await expect(
    page.locator('li').filter({ has: page.getByRole('link', { name: title }) }).getByText('Annullato'),
  ).toBeVisible();

  // Co-design: the process in its proposals phase; support a proposal.
  await page.goto('/c/santa-croce');
  await page.getByRole('link', { name: 'Progettiamo insieme' }).click();
  const process = page.locator('li').filter({ has: page.getByRole('link', { name: 'Il nuovo parco di via Adua' }) });
  await expect(process.getByText('Fase: Proposte')).toBeVisible();
  await process.getByRole('link', { name: 'Il nuovo parco di via Adua' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Il nuovo parco di via Adua' })).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toContainText('Proposte');
  const shade = page.locator('li').filter({ has: page.getByRole('link', { name: 'Più ombra e panchine' }) });
  const supports = await countIn(page, shade.locator('.support-count'));
  const support = shade.getByRole('button', { name: 'Sostieni la proposta «Più ombra e panchine»' });
  await expect(support).toHaveAttribute('aria-pressed', 'false');
  await support.click();
  await expect(page.getByText('Hai sostenuto «Più ombra e panchine».')).toBeVisible();
  await expect(support).toHaveAttribute('aria-pressed', 'true');
  await expect(shade.locator('.support-count')).toHaveText(`${supports + 1} sostegni`);
  await expect(shade.getByText('La sostieni')).toBeVisible();
  await expectAccessible(page, 'process page, supporting');
  await page.reload();
  await expect(shade.locator('.support-count')).toHaveText(`${supports + 1} sostegni`);
  await expect(shade.getByRole('button', { name: 'Sostieni la proposta «Più ombra e panchine»' })).toHaveAttribute('aria-pressed', 'true');

  // Making a proposal: it joins the list.
  const idea = `Fontanella d'acqua ${Date.now().toString(36)}`;
  await page.getByLabel('Titolo della proposta').fill(idea);
  await page.getByLabel('Spiega la proposta').fill('Vicino ai giochi dei bambini.');
  await page.getByRole('button', { name: 'Invia la proposta' }).click();
  await expect(page.getByText('Proposta inviata.')).toBeVisible();
  await expect(page.getByRole('link', { name: idea })).toBeVisible();
  await expect(page.getByLabel('Titolo della proposta')).toHaveValue('');

  // Businesses: one listing open round the clock, one with no hours (never open), so the
  // "open now" filter has a result that does not depend on the clock.
  const admin = demoAdmin();
  const adminToken = await apiToken(page.request, admin.username, admin.password);
  const auth = { authorization: `Bearer ${adminToken}` };
  const suffix = Date.now().toString(36);
  const businesses = await channelOf(page, 'santa-croce', 'businesses');
  const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => ({ day: d, opens: '00:00', closes: '24:00' }));
  const names = { open: `Edicola Sempre Aperta ${suffix}`, closed: `Bottega Chiusa ${suffix}` };
  for (const [key, hours] of [['open', week], ['closed', []]] as const) {
    const slug = `prova-${key}-${suffix}`;
    const org = await page.request.post('/api/v1/organizations', {
      headers: auth,
      data: { slug, name: names[key], kind: 'business' },
    });
    expect(org.status()).toBe(201);
    const listing = await page.request.post(`/api/v1/channels/${businesses.id}/posts`, {
      headers: auth,
      data: {
        title: names[key],
        body: 'Attività di prova.',
        listing: { organization: slug, category: 'culture', address: 'Via Adua 1', phone: '+39 0522 000000', opening_hours: hours },
      },
    });
    expect(listing.status()).toBe(201);
  }
  await page.goto(`/channels/${businesses.id}`);
  const openCard = page.locator('li.listing').filter({ has: page.getByRole('link', { name: names.open }) });
  const closedCard = page.locator('li.listing').filter({ has: page.getByRole('link', { name: names.closed }) });
  await expect(openCard).toBeVisible();
  await expect(closedCard).toBeVisible();
  await expect(openCard.getByText('Aperto ora')).toBeVisible();
  await expect(closedCard.getByText('Chiuso ora')).toBeVisible();
  await expect(closedCard.getByText('Oggi chiuso')).toBeVisible();
  await expect(openCard.getByRole('link', { name: '+39 0522 000000' })).toHaveAttribute('href', 'tel:+390522000000');
  // Listed under their category.
  await expect(
    page.locator('section').filter({ has: page.getByRole('heading', { level: 3, name: 'Cultura, libri e tempo libero' }) }).getByRole('link', { name: names.open }),
  ).toBeVisible();
  await page.getByText('Solo quelle aperte adesso').click();
  await expect(closedCard).toHaveCount(0);
  await expect(openCard).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /attività trovat/ })).toBeVisible();
  await expectAccessible(page, 'businesses, open now');
  // The category filter: a category with none of them.
  await page.getByLabel('Categoria').selectOption('health');
  await expect(openCard).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 3, name: 'Cultura, libri e tempo libero' })).toHaveCount(0);
  await page.getByLabel('Categoria').selectOption('culture');
  await expect(openCard).toBeVisible();
  await openCard.getByText('Orari della settimana').click();
  await expect(openCard.locator('table')).toContainText('00:00–24:00');

  // Announcements: set apart, with the issuing office; no form for a resident.
  await page.goto('/c/santa-croce');
  await page.getByRole('link', { name: 'Avvisi del Comune' }).click();
  const notice = page.locator('.announcement').first();
  await expect(notice.getByText('Avviso ufficiale')).toBeVisible();
  await expect(notice).toContainText('Pubblicato il');
  await expect(page.getByRole('heading', { name: 'Pubblica un avviso' })).toHaveCount(0);
  await expectAccessible(page, 'announcements, resident');
});

test('the demo admin publishes an announcement; the server refuses a resident', async ({ page }) => {
  const admin = demoAdmin();
  await signInThroughForm(page, admin);
  const channel = await channelOf(page, 'santa-croce', 'announcements');
  await page.goto(`/channels/${channel.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Pubblica un avviso' })).toBeVisible();
  await expectAccessible(page, 'announcements with the form');
  await page.getByRole('button', { name: 'Pubblica l\'avviso' }).click();
  await expect(page.getByLabel('Titolo')).toHaveAttribute('aria-invalid', 'true');
  const title = `Chiusura della biblioteca ${Date.now().toString(36)}`;
  await page.getByLabel('Titolo').fill(title);
  await page.getByLabel('Testo').fill('Lunedì la biblioteca resta chiusa.');
  await page.getByRole('button', { name: 'Pubblica l\'avviso' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Avviso pubblicato.')).toBeVisible();
  // The admin speaks for the municipality: the notice names the office.
  await expect(page.locator('.announcement-meta')).toContainText('Comune (demo) (Amministrazione demo)');

  // A resident is refused by the server, whatever the client shows.
  const resident = await apiResident(page.request, 'ugo', ['santa-croce']);
  const refused = await page.request.post(`/api/v1/channels/${channel.id}/posts`, {
    headers: { authorization: `Bearer ${resident.token}` },
    data: { title: 'Non posso', body: 'x' },
  });
  expect(refused.status()).toBe(403);
});

test('RSVP and support with the keyboard alone, in English', async ({ page }) => {
  const p = await apiResident(page.request, 'lina', []);
  await page.addInitScript(() => localStorage.setItem('comune.locale', 'en'));
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Username or email'));
  await page.keyboard.type(p.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Welcome back, ${p.username}.`)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Join Santa Croce' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('You joined Santa Croce.')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Santa Croce', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Santa Croce' })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Eventi', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Coming events' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Incontro sul nuovo parco di via Adua' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Incontro sul nuovo parco di via Adua' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'I am going' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('You are going: your place is confirmed.')).toBeVisible();
  // Focus stays usable: the next control is reachable and the answer can be taken back.
  await tabTo(page, page.getByRole('button', { name: 'I am not going any more' }));

  await tabTo(page, page.getByRole('navigation', { name: 'You are here' }).getByRole('link', { name: 'Santa Croce' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Santa Croce' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Progettiamo insieme' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: 'Il nuovo parco di via Adua' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Il nuovo parco di via Adua' })).toBeVisible();
  const support = page.getByRole('button', { name: 'Support the proposal “Un giardino didattico per la scuola”' });
  await tabTo(page, support);
  await page.keyboard.press('Space');
  await expect(support).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('You support “Un giardino didattico per la scuola”.')).toBeVisible();
  await expectAccessible(page, 'process after keyboard support');
});

test('a facilitator moves a process through its phases and records the decision', async ({ page }) => {
  // Coviolo's process starts in the needs phase; no other test uses it.
  const admin = demoAdmin();
  await signInThroughForm(page, admin);
  const channel = await channelOf(page, 'coviolo', 'codesign');
  await page.goto(`/channels/${channel.id}`);
  await page.getByRole('link', { name: 'Una piazzetta per Coviolo' }).click();
  await expect(page.locator('[aria-current="step"]')).toContainText('Bisogni');
  for (const next of ['Idee', 'Proposte', 'Decisione']) {
    await page.getByRole('button', { name: `Passa alla fase: ${next}` }).click();
    await expect(page.getByText(`Il percorso è passato alla fase: ${next}.`)).toBeVisible();
    await expect(page.locator('[aria-current="step"]')).toContainText(next);
  }
  await expect(page.getByText('Ora si decide quali proposte realizzare.')).toBeVisible();
  // An empty decision is refused next to the field.
  await page.getByRole('button', { name: 'Registra la decisione' }).click();
  await expect(page.getByLabel('Che cosa si è deciso, e perché')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Che cosa si è deciso, e perché').fill('Panchine e alberi nella piazzetta, lavori in primavera.');
  await page.getByRole('button', { name: 'Registra la decisione' }).click();
  await expect(page.getByText('Decisione registrata.')).toBeVisible();
  const decision = page.locator('.outcome');
  await expect(decision.getByRole('heading', { name: 'La decisione' })).toBeVisible();
  await expect(decision).toContainText('Panchine e alberi nella piazzetta');
  await expectAccessible(page, 'process with its decision');
  // Everyone sees it, signed out too.
  const here = page.url();
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByText('Sei uscito.')).toBeVisible();
  await page.goto(here);
  await expect(page.locator('.outcome')).toContainText('Panchine e alberi nella piazzetta');
});
