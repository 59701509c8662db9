import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  apiResident,
  apiToken,
  demoAdmin,
  expectAccessible,
  expectNoHorizontalScroll,
  signInThroughForm,
  tabTo,
} from './helpers';

// Creating in the channel kinds: the demo admin starts a co-design process, adds a business listing
// for a business organisation made here (the admin becomes its owner), finds it open now and
// manages its offers. On the demo instance's Santa Croce.

type Channel = { id: string; kind: string; name: string };

async function channelOf(page: Page, slug: string, kind: string): Promise<Channel> {
  const community = await (await page.request.get(`/api/v1/communities/${slug}`)).json();
  return community.channels.find((c: Channel) => c.kind === kind);
}

/** A business organisation made through the API by the demo admin, who becomes its owner. */
async function businessOfAdmin(page: Page, name: string): Promise<string> {
  const admin = demoAdmin();
  const token = await apiToken(page.request, admin.username, admin.password);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const org = await page.request.post('/api/v1/organizations', {
    headers: { authorization: `Bearer ${token}` },
    data: { slug, name, kind: 'business' },
  });
  expect(org.status(), 'create the business organisation').toBe(201);
  return slug;
}

/** Today and a month from now (YYYY-MM-DD) on Rome's wall clock, the listings' zone. */
function offerDays(): { today: string; later: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const later = new Date(`${today}T12:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 30);
  return { today, later: later.toISOString().slice(0, 10) };
}

/**
 * The order of a date field's parts (0 year, 1 month, 2 day) as the browser shows them, which
 * follows the browser's own language: found with the keyboard on a field that has a value, by
 * stepping each part up and back down. Leaves the focus on the field's last part.
 */
async function dateOrder(page: Page, input: Locator): Promise<number[]> {
  await tabTo(page, input);
  const order: number[] = [];
  for (let part = 0; part < 3; part++) {
    const before = (await input.inputValue()).split('-');
    await page.keyboard.press('ArrowUp');
    const after = (await input.inputValue()).split('-');
    await page.keyboard.press('ArrowDown');
    order.push([0, 1, 2].find((i) => before[i] !== after[i]) ?? -1);
    if (part < 2) await page.keyboard.press('Tab');
  }
  expect([...order].sort()).toEqual([0, 1, 2]);
  return order;
}

/** Chooses the option labelled `label` in a focused select with the arrow keys. */
async function arrowTo(page: Page, select: Locator, label: string) {
  await expect(select).toBeFocused();
  await page.keyboard.press('Home');
  for (let i = 0; i < 50; i++) {
    const chosen = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
    if (chosen === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option "${label}"`);
}

test('the demo admin starts a co-design process and sees it in the channel', async ({ page }) => {
  await signInThroughForm(page, demoAdmin());
  const codesign = await channelOf(page, 'santa-croce', 'codesign');
  await page.goto(`/channels/${codesign.id}`);
  await page.getByRole('link', { name: 'Avvia un nuovo percorso' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuovo percorso di co-progettazione' })).toBeVisible();
  await expect(page.getByText('Puoi usare il formato Markdown')).toBeVisible();

  // Refused: no title. What was typed stays; the reason is by the field, which gets the focus.
  await page.getByLabel('Di cosa si tratta').fill('Dove mettere le **nuove panchine**.');
  await page.getByRole('button', { name: 'Avvia il percorso' }).click();
  const title = page.getByLabel('Titolo del percorso');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toBeFocused();
  await expect(page.locator('#title-error')).toHaveText('Campo obbligatorio.');
  await expect(page.getByLabel('Di cosa si tratta')).toHaveValue('Dove mettere le **nuove panchine**.');
  await expectAccessible(page, 'new process, refused');

  const name = `Panchine in piazza ${Date.now().toString(36)}`;
  await title.fill(name);
  await page.getByRole('button', { name: 'Avvia il percorso' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Percorso avviato.')).toBeVisible();
  await expect(page.locator('strong', { hasText: 'nuove panchine' })).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toContainText('Bisogni');

  await page.goto(`/channels/${codesign.id}`);
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a resident sees no link to start a process or add a business, and is told why', async ({ page }) => {
  const resident = await apiResident(page.request, 'nina', ['santa-croce']);
  await signInThroughForm(page, resident);
  const codesign = await channelOf(page, 'santa-croce', 'codesign');
  const businesses = await channelOf(page, 'santa-croce', 'businesses');
  await page.goto(`/channels/${codesign.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Percorsi', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Avvia un nuovo percorso' })).toHaveCount(0);
  await page.goto(`/channels/${businesses.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Attività', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aggiungi un\'attività' })).toHaveCount(0);
  // Opened from an address all the same: the reason, and no form.
  await page.goto(`/channels/${codesign.id}/new-process`);
  await expect(page.getByText('Solo i facilitatori del quartiere')).toBeVisible();
  await expect(page.locator('form #title')).toHaveCount(0);
  await page.goto(`/channels/${businesses.id}/new-listing`);
  await expect(page.getByText('Per aggiungere un\'attività devi far parte di un\'attività registrata')).toBeVisible();
  await expect(page.getByText('gli amministratori del sito devono registrare l\'attività come organizzazione')).toBeVisible();
  await expectAccessible(page, 'new listing, no business');
});

test('the demo admin adds a listing open round the clock, finds it open now, adds an offer and deletes it', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const business = `Forno Prova ${suffix}`;
  await businessOfAdmin(page, business);
  await signInThroughForm(page, demoAdmin());
  const businesses = await channelOf(page, 'santa-croce', 'businesses');
  await page.goto(`/channels/${businesses.id}`);
  await page.getByRole('link', { name: 'Aggiungi un\'attività' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova attività' })).toBeVisible();

  // A first try with a bad web site, no category and a wrong time in the third row of hours.
  await page.getByLabel('Attività', { exact: true }).selectOption({ label: business });
  await page.getByLabel('Descrizione').fill('Pane, focacce e *cappelletti*.');
  await page.getByLabel('Indirizzo', { exact: true }).fill('Via Adua 10');
  await page.getByLabel('Telefono').fill('0522 111222');
  await page.getByLabel('Sito', { exact: true }).fill('www.fornoprova.it');
  await expect(page.getByText('Nessuna fascia oraria per ora.')).toBeVisible();
  await page.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
  const row = (n: number) => page.getByRole('group', { name: new RegExp(`^Fascia ${n}:`) });
  await expect(row(1).getByLabel('Giorno')).toBeFocused();
  await expect(row(1).getByLabel('Giorno')).toHaveValue('mon');
  await row(1).getByLabel('Apre alle').fill('0');
  await row(1).getByLabel('Chiude alle').fill('24:00');
  // Each new row takes the times of the last one, for the next day.
  for (let i = 2; i <= 7; i++) await page.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
  await expect(row(7)).toHaveAccessibleName('Fascia 7: domenica');
  await expect(row(7).getByLabel('Apre alle')).toHaveValue('0');
  await expect(row(7).getByLabel('Chiude alle')).toHaveValue('24:00');
  await row(3).getByLabel('Chiude alle').fill('25:00');
  await page.getByRole('button', { name: 'Pubblica l\'attività' }).click();

  const website = page.getByLabel('Sito', { exact: true });
  await expect(website).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#website-error')).toHaveText('Scrivi l\'indirizzo completo, per esempio https://www.esempio.it');
  await expect(page.getByLabel('Categoria')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#category-error')).toHaveText('Scegli una categoria.');
  const wrongTime = row(3).getByLabel('Chiude alle');
  await expect(wrongTime).toHaveAttribute('aria-invalid', 'true');
  await expect(row(3)).toContainText('Scrivi l\'ora come 08:30 (da 00:00 a 24:00).');
  await expect(row(2).getByLabel('Chiude alle')).not.toHaveAttribute('aria-invalid', 'true');
  // Focus on the first refused field; what was typed is all still there.
  await expect(page.getByLabel('Categoria')).toBeFocused();
  await expect(website).toHaveValue('www.fornoprova.it');
  await expect(page.getByLabel('Indirizzo', { exact: true })).toHaveValue('Via Adua 10');
  await expect(wrongTime).toHaveValue('25:00');
  await expectAccessible(page, 'new listing, refused');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoHorizontalScroll(page, 'new listing with hours and errors at 320 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  // An eighth row, removed again: focus goes to the row before it.
  await page.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
  await expect(row(8)).toHaveAccessibleName('Fascia 8: lunedì');
  await page.getByRole('button', { name: 'Togli la fascia 8' }).click();
  await expect(row(8)).toHaveCount(0);
  await expect(row(7).getByLabel('Giorno')).toBeFocused();

  // Second try: the listing's fields are right, the title is missing.
  await page.getByLabel('Categoria').selectOption({ label: 'Alimentari' });
  await website.fill('https://fornoprova.example.org');
  await wrongTime.fill('24:00');
  await page.getByRole('button', { name: 'Pubblica l\'attività' }).click();
  const title = page.getByLabel('Nome da mostrare');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#title-error')).toHaveText('Campo obbligatorio.');
  await expect(website).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wrongTime).not.toHaveAttribute('aria-invalid', 'true');

  await title.fill(business);
  await page.getByRole('button', { name: 'Pubblica l\'attività' }).click();
  await expect(page.getByRole('heading', { level: 1, name: business })).toBeVisible();
  await expect(page.getByText('Attività pubblicata.')).toBeVisible();
  const details = page.locator('.listing-details');
  await expect(details.getByText('Aperto ora')).toBeVisible();
  await expect(details).toContainText(`gestita da ${business}`);
  await expect(details.locator('table')).toContainText('00:00–24:00');
  await expect(details.getByRole('link', { name: 'fornoprova.example.org' })).toBeVisible();
  const listingUrl = page.url();

  // Found with "open now".
  await page.goto(`/channels/${businesses.id}`);
  await page.getByText('Solo quelle aperte adesso').click();
  const card = page.locator('li.listing').filter({ has: page.getByRole('link', { name: business }) });
  await expect(card).toBeVisible();
  await expect(card.getByText('Aperto ora')).toBeVisible();

  // Offers: refused without a title, then added; it shows in today's offers too.
  await page.goto(listingUrl);
  const manager = page.locator('.offer-manager');
  await expect(manager.getByRole('heading', { name: 'Gestisci le offerte' })).toBeVisible();
  await expect(manager.getByText('Nessuna offerta per ora.')).toBeVisible();
  const { today, later } = offerDays();
  await expect(manager.getByLabel('Valida dal')).toHaveValue(today);
  await manager.getByLabel('Dettagli').fill('Ogni sera dopo le 18.');
  await manager.getByLabel('Valida fino al').fill(later);
  await manager.getByRole('button', { name: 'Aggiungi l\'offerta' }).click();
  await expect(manager.getByLabel('Titolo dell\'offerta')).toHaveAttribute('aria-invalid', 'true');
  await expect(manager.getByLabel('Dettagli')).toHaveValue('Ogni sera dopo le 18.');
  await expect(manager.getByLabel('Valida fino al')).toHaveValue(later);
  const offer = `Pane a metà prezzo ${suffix}`;
  await manager.getByLabel('Titolo dell\'offerta').fill(offer);
  await manager.getByRole('button', { name: 'Aggiungi l\'offerta' }).click();
  await expect(page.getByText(`Offerta «${offer}» aggiunta.`)).toBeVisible();
  const item = manager.locator('li.offer-item').filter({ hasText: offer });
  await expect(item.getByText('Valida oggi')).toBeVisible();
  await expect(page.locator('.offers')).toContainText(offer);
  await expect(manager.getByLabel('Titolo dell\'offerta')).toHaveValue('');
  await expectAccessible(page, 'listing with its offers');
  await page.reload();
  await expect(page.locator('.offers')).toContainText(offer);

  // Deleting asks first; "no" keeps it and gives the focus back.
  await item.getByRole('button', { name: `Elimina l'offerta «${offer}»` }).click();
  await expect(item.getByText(`Vuoi eliminare l'offerta «${offer}»? Non si può annullare.`)).toBeVisible();
  await expect(item.getByRole('button', { name: 'Sì, elimina' })).toBeFocused();
  await expectAccessible(page, 'offer, confirming the deletion');
  await item.getByRole('button', { name: 'No, tienila' }).click();
  await expect(item.getByRole('button', { name: `Elimina l'offerta «${offer}»` })).toBeFocused();
  await item.getByRole('button', { name: `Elimina l'offerta «${offer}»` }).click();
  await item.getByRole('button', { name: 'Sì, elimina' }).click();
  await expect(page.getByText(`Offerta «${offer}» eliminata.`)).toBeVisible();
  await expect(manager.locator('li.offer-item')).toHaveCount(0);
  await expect(page.locator('.offers')).toHaveCount(0);
  await expect(manager.getByRole('heading', { name: 'Gestisci le offerte' })).toBeFocused();

  // A resident sees the listing without the offers' management.
  const resident = await apiResident(page.request, 'ugo', ['santa-croce']);
  await page.getByRole('button', { name: 'Esci' }).click();
  await signInThroughForm(page, resident);
  await page.goto(listingUrl);
  await expect(page.locator('.listing-details').getByText('Aperto ora')).toBeVisible();
  await expect(page.locator('.offer-manager')).toHaveCount(0);
});

test('with the keyboard alone, in English: a listing with its hours, and an offer added and deleted', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('comune.locale', 'en'));
  const suffix = Date.now().toString(36);
  const business = `Keyboard Shop ${suffix}`;
  await businessOfAdmin(page, business);
  await signInThroughForm(page, demoAdmin());
  const businesses = await channelOf(page, 'santa-croce', 'businesses');
  await page.goto(`/channels/${businesses.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Businesses', exact: true })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Add a business' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'New business' })).toBeVisible();
  const org = page.getByLabel('Business', { exact: true });
  await tabTo(page, org);
  await arrowTo(page, org, business);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name to show')).toBeFocused();
  await page.keyboard.type(business);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Description')).toBeFocused();
  await page.keyboard.type('Open day and night.');
  await page.keyboard.press('Tab');
  await arrowTo(page, page.getByLabel('Category'), 'Other');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Address', { exact: true })).toBeFocused();
  await page.keyboard.type('Via Roma 1');

  // Hours: the first row, then six more copied from it, each added with Enter.
  const add = page.getByRole('button', { name: 'Add opening hours' });
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  const row = (n: number) => page.getByRole('group', { name: new RegExp(`^Row ${n}:`) });
  await expect(row(1).getByLabel('Day')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row(1).getByLabel('Opens at')).toBeFocused();
  await page.keyboard.type('00:00');
  await page.keyboard.press('Tab');
  await expect(row(1).getByLabel('Closes at')).toBeFocused();
  await page.keyboard.type('24:00');
  for (let n = 2; n <= 7; n++) {
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect(row(n).getByLabel('Day')).toBeFocused();
  }
  await expect(row(7)).toHaveAccessibleName('Row 7: Sunday');
  // A row too many, removed with the keyboard.
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Remove row 8' }));
  await page.keyboard.press('Enter');
  await expect(row(8)).toHaveCount(0);
  await expect(row(7).getByLabel('Day')).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Publish the business' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: business })).toBeVisible();
  await expect(page.locator('.listing-details').getByText('Open now')).toBeVisible();

  // An offer, typed and sent with the keyboard; the dates are typed into the date fields.
  const manager = page.locator('.offer-manager');
  const title = manager.getByLabel('Title of the offer');
  await tabTo(page, title);
  const offer = `Free coffee ${suffix}`;
  await page.keyboard.type(offer);
  const { today, later } = offerDays();
  const order = await dateOrder(page, manager.getByLabel('Valid from'));
  await expect(manager.getByLabel('Valid from')).toHaveValue(today);
  await tabTo(page, manager.getByLabel('Valid until'));
  const parts = later.split('-');
  await page.keyboard.type(order.map((i) => parts[i]).join(''));
  await expect(manager.getByLabel('Valid until')).toHaveValue(later);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Offer "${offer}" added.`)).toBeVisible();
  const item = manager.locator('li.offer-item').filter({ hasText: offer });
  await expect(item.getByText('Valid today')).toBeVisible();

  // Deleting with the keyboard: the confirmation takes the focus.
  await tabTo(page, item.getByRole('button', { name: `Delete the offer "${offer}"` }));
  await page.keyboard.press('Enter');
  await expect(item.getByRole('button', { name: 'Yes, delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Offer "${offer}" deleted.`)).toBeVisible();
  await expect(manager.locator('li.offer-item')).toHaveCount(0);
  await expectAccessible(page, 'listing after the keyboard flow');
});
