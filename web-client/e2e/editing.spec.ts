import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  apiResident,
  demoAdmin,
  expectAccessible,
  expectNoHorizontalScroll,
  mailedLink,
  mailedLinks,
  newPerson,
  signInThroughForm,
  tabTo,
} from './helpers';

// Editing and deleting one's own posts and comments on the post's page, and mailing the
// confirmation link again. Residents are made by the test in the demo's Ospizio.

type Channel = { id: string; kind: string; name: string };

async function channelOf(page: Page, slug: string, kind: string): Promise<Channel> {
  const community = await (await page.request.get(`/api/v1/communities/${slug}`)).json();
  return community.channels.find((c: Channel) => c.kind === kind);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.locator('.header-user')).toHaveCount(0);
}

/** Like `tabTo`, backwards: for a control above the focus. */
async function shiftTabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target} with Shift+Tab`);
}

test('a resident edits and deletes a post and a comment; others see no such controls', async ({ page }) => {
  const rosa = await apiResident(page.request, 'rosa', ['ospizio']);
  const piero = await apiResident(page.request, 'piero', ['ospizio']);
  const dialogue = await channelOf(page, 'ospizio', 'dialogue');
  await signInThroughForm(page, rosa);

  // Post through the channel's form.
  await page.goto(`/channels/${dialogue.id}`);
  await page.getByLabel('Titolo').fill('Mercatino di Natale');
  await page.getByLabel('Testo').fill('Chi porta i dolci?');
  await page.getByRole('button', { name: 'Pubblica' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mercatino di Natale' })).toBeVisible();
  const postUrl = page.url();
  await expect(page.locator('article')).not.toContainText('modificato il');

  // Edit in place: the form holds the title and text, focus on the title.
  await page.getByRole('button', { name: 'Modifica', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Modifica il messaggio' })).toBeVisible();
  const title = page.locator('#edit-title');
  const body = page.locator('#edit-body');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue('Mercatino di Natale');
  await expect(body).toHaveValue('Chi porta i dolci?');
  await title.fill('Mercatino di Natale in piazza');
  await body.fill('Chi porta i dolci? Io porto il vin brulé.');
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mercatino di Natale in piazza' })).toBeVisible();
  await expect(page.locator('.post-body')).toHaveText('Chi porta i dolci? Io porto il vin brulé.');
  await expect(page.getByText('Modifiche salvate.')).toBeVisible();
  await expect(page.locator('article')).toContainText('modificato il');
  await expect(page.getByRole('button', { name: 'Modifica', exact: true })).toBeFocused();
  await expect(page).toHaveTitle(/^Mercatino di Natale in piazza/);

  // An empty title is refused: the typed text stays, the reason is next to the field.
  await page.getByRole('button', { name: 'Modifica', exact: true }).click();
  await title.fill('');
  await body.fill('Testo cambiato che non deve perdersi.');
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toBeFocused();
  await expect(page.locator('#edit-title-error')).toHaveText('Campo obbligatorio.');
  await expect(title).toHaveAccessibleDescription(/Campo obbligatorio/);
  await expect(body).toHaveValue('Testo cambiato che non deve perdersi.');
  await expect(page.getByRole('alert').filter({ hasText: 'controlla i campi' })).toBeVisible();
  await expectAccessible(page, 'post edit form refused');
  await page.getByRole('button', { name: 'Annulla' }).click();
  await expect(page.locator('.post-body')).toHaveText('Chi porta i dolci? Io porto il vin brulé.');
  await expect(page.getByRole('button', { name: 'Modifica', exact: true })).toBeFocused();

  // A comment, edited in place; an empty text refused next to the field.
  await page.getByLabel('Il tuo commento').fill('Porto le castagne.');
  await page.getByRole('button', { name: 'Invia il commento' }).click();
  // The only comment (its text changes below).
  const comment = page.locator('li.comment').first();
  await expect(comment).toContainText('Porto le castagne.');
  await comment.getByRole('button', { name: /^Modifica il tuo commento del/ }).click();
  const commentField = page.getByLabel('Il testo del tuo commento', { exact: true });
  await expect(commentField).toBeFocused();
  await expect(commentField).toHaveValue('Porto le castagne.');
  await commentField.fill('');
  await comment.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(commentField).toHaveAttribute('aria-invalid', 'true');
  await expect(commentField).toHaveAccessibleDescription(/Campo obbligatorio/);
  await expectAccessible(page, 'comment edit refused');
  await commentField.fill('Porto le castagne e le caldarroste.');
  await comment.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByText('Commento modificato.')).toBeVisible();
  const edited = page.locator('li.comment').filter({ hasText: 'Porto le castagne e le caldarroste.' });
  await expect(edited.locator('.comment-body')).toHaveText('Porto le castagne e le caldarroste.');
  await expect(edited.getByRole('button', { name: /^Modifica il tuo commento del/ })).toBeFocused();

  // Another resident: no Edit or Delete on the post or the comment; they reply.
  await signOut(page);
  await signInThroughForm(page, piero);
  await page.goto(postUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Mercatino di Natale in piazza' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Rispondi a ${rosa.username}` })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Modifica/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Elimina/ })).toHaveCount(0);
  await page.getByRole('button', { name: `Rispondi a ${rosa.username}` }).click();
  await page.getByLabel(`La tua risposta a ${rosa.username}`).fill('Io il pane.');
  await page.getByRole('button', { name: 'Invia il commento' }).first().click();
  await expect(edited.locator('ul.comment-thread li.comment')).toContainText('Io il pane.');
  // Their own reply has the controls; Rosa's comment still does not.
  const reply = edited.locator('ul.comment-thread li.comment');
  await expect(reply.getByRole('button', { name: /^Elimina il tuo commento/ })).toBeVisible();
  await expect(edited.locator(':scope > .comment-box').getByRole('button', { name: /^Elimina/ })).toHaveCount(0);
  await signOut(page);

  // Rosa deletes her comment: asked first; it keeps its place and its reply.
  await signInThroughForm(page, rosa);
  await page.goto(postUrl);
  const deleteComment = edited.getByRole('button', { name: /^Elimina il tuo commento del/ });
  await deleteComment.click();
  const dialog = page.getByRole('dialog', { name: 'Eliminare il commento?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'delete comment dialog');
  await dialog.getByRole('button', { name: 'Sì, elimina' }).click();
  await expect(dialog).toHaveCount(0);
  const deleted = page.locator('li.comment').filter({ has: page.getByText('Io il pane.') }).first();
  await expect(deleted.locator(':scope > .comment-box')).toContainText('Commento eliminato.');
  await expect(deleted.locator('> .comment-box .comment-body')).toHaveCount(0);
  await expect(deleted.locator('ul.comment-thread li.comment')).toContainText('Io il pane.');
  await expect(deleted.locator(':scope > .comment-box').getByText('Commento eliminato.')).toBeFocused();
  await page.reload();
  await expect(page.locator('li.comment').first().locator(':scope > .comment-box')).toContainText('Commento eliminato.');
  await expect(page.locator('li.comment')).toHaveCount(2);

  // Deleting the post: "No" closes the dialog and focus returns; "Yes" goes back to the channel.
  const deletePost = page.getByRole('button', { name: 'Elimina', exact: true });
  await deletePost.click();
  const postDialog = page.getByRole('dialog', { name: 'Eliminare questo messaggio?' });
  await expect(postDialog).toContainText('Mercatino di Natale in piazza');
  await postDialog.getByRole('button', { name: 'No, lascia stare' }).click();
  await expect(postDialog).toHaveCount(0);
  await expect(deletePost).toBeFocused();
  await deletePost.click();
  await postDialog.getByRole('button', { name: 'Sì, elimina' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dialogo' })).toBeVisible();
  await expect(page.getByText('Messaggio eliminato.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mercatino di Natale in piazza' })).toHaveCount(0);
  await page.goto(postUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
});

test('a listing shows Edit and Delete to an admin, not to a resident', async ({ page }) => {
  const businesses = await channelOf(page, 'santa-croce', 'businesses');
  const feed = await (await page.request.get(`/api/v1/channels/${businesses.id}/posts`)).json();
  const listing = feed.items[0];
  const resident = await apiResident(page.request, 'ada', ['santa-croce']);
  await signInThroughForm(page, resident);
  await page.goto(`/posts/${listing.id}`);
  await expect(page.locator('.listing-details')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifica', exact: true })).toHaveCount(0);
  await signOut(page);
  await signInThroughForm(page, demoAdmin());
  await page.goto(`/posts/${listing.id}`);
  await expect(page.locator('.listing-details')).toBeVisible();
  await page.getByRole('button', { name: 'Modifica', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Modifica la scheda' })).toBeVisible();
  await expect(page.locator('#edit-title')).toHaveValue(listing.title);
  await page.getByRole('button', { name: 'Annulla' }).click();
  await expect(page.getByRole('button', { name: 'Elimina', exact: true })).toBeVisible();
});

test('editing and deleting with the keyboard alone, in English', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('comune.locale', 'en'));
  const luca = await apiResident(page.request, 'luca', ['santa-croce']);
  const dialogue = await channelOf(page, 'santa-croce', 'dialogue');
  const made = await page.request.post(`/api/v1/channels/${dialogue.id}/posts`, {
    headers: { authorization: `Bearer ${luca.token}` },
    data: { title: 'Bike repair morning', body: 'Bring your tools.' },
  });
  expect(made.status()).toBe(201);
  const post = await made.json();

  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Username or email'));
  await page.keyboard.type(luca.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(luca.password);
  await page.keyboard.press('Enter');
  await expect(page.locator('.header-user')).toBeVisible();
  await page.goto(`/posts/${post.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bike repair morning' })).toBeVisible();

  // Edit the post.
  await tabTo(page, page.getByRole('button', { name: 'Edit', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Title')).toBeFocused();
  await expectAccessible(page, 'post edit form');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Bike repair Saturday morning');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Text')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Bring your tools and a friend.');
  await tabTo(page, page.getByRole('button', { name: 'Save the changes' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Bike repair Saturday morning' })).toBeVisible();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page.locator('article')).toContainText('edited');
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeFocused();

  // Comment, edit the comment.
  await tabTo(page, page.getByLabel('Your comment'));
  await page.keyboard.type('I can fix brakes.');
  await tabTo(page, page.getByRole('button', { name: 'Send the comment' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Comment sent.')).toBeVisible();
  const editComment = page.getByRole('button', { name: /^Edit your comment of/ });
  await shiftTabTo(page, editComment);
  await page.keyboard.press('Enter');
  const field = page.getByLabel('The text of your comment');
  await expect(field).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('I can fix brakes and gears.');
  await tabTo(page, page.getByRole('button', { name: 'Save the changes' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('li.comment .comment-body')).toHaveText('I can fix brakes and gears.');
  await expect(editComment).toBeFocused();

  // Delete the comment: the dialog takes focus and keeps it; Escape closes it and focus returns.
  const deleteComment = page.getByRole('button', { name: /^Delete your comment of/ });
  await tabTo(page, deleteComment);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete the comment?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'delete comment dialog');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus stays in the dialog').toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(deleteComment).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: 'Yes, delete' }), 5);
  await page.keyboard.press('Enter');
  await expect(page.locator('li.comment').getByText('Comment deleted.')).toBeFocused();

  // Delete the post.
  await shiftTabTo(page, page.getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  const postDialog = page.getByRole('dialog', { name: 'Delete this post?' });
  await expect(postDialog).toBeVisible();
  await tabTo(page, postDialog.getByRole('button', { name: 'Yes, delete' }), 5);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Dialogo' })).toBeVisible();
  await expect(page.getByText('Post deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bike repair Saturday morning' })).toHaveCount(0);
  await expectAccessible(page, 'channel after deleting');
});

test('an unconfirmed resident asks for the link again and confirms with the new one', async ({ page }) => {
  const p = newPerson('nina');
  await page.goto('/register');
  await page.getByLabel('Nome utente').fill(p.username);
  await page.getByLabel('Indirizzo email').fill(p.email);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page.getByText(`Ti abbiamo mandato una email a ${p.email}`)).toBeVisible();
  const first = await mailedLink(p.email, 'verify-email');

  // Signing in before confirming: the refusal, then the offer to mail the link again.
  await page.goto('/sign-in');
  await page.getByLabel('Nome utente o email').fill(p.email);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Devi ancora confermare' })).toBeVisible();
  const resend = page.getByRole('region', { name: 'Non ti è arrivata l\'email?' });
  await expect(resend).toBeVisible();
  const email = resend.getByLabel('Indirizzo email');
  await expect(email).toHaveValue(p.email);
  await expectAccessible(page, 'sign-in refused, resend offered');

  // An empty address is refused next to the field, without asking the server.
  await email.fill('');
  await resend.getByRole('button', { name: 'Mandami un nuovo collegamento' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/Campo obbligatorio/);
  await email.fill(p.email);
  await resend.getByRole('button', { name: 'Mandami un nuovo collegamento' }).click();
  await expect(resend.getByText(`Fatto. Se ${p.email} appartiene a un account ancora da confermare`)).toBeVisible();
  // A success is announced politely (role status), not as an alert.
  await expect(resend.getByRole('status')).toContainText('Fatto. Se');
  await expect(resend.getByRole('alert')).toHaveCount(0);

  // A second mail, with another link, which confirms the address.
  const second = await mailedLink(p.email, 'verify-email', [first]);
  expect(mailedLinks(p.email, 'verify-email')).toEqual([first, second]);
  await page.goto(second);
  await expect(page.getByText('Indirizzo confermato')).toBeVisible();
  await signInThroughForm(page, p);
});

test('the confirmation page offers a new link, and says plainly how long to wait when asked too often', async ({ page }) => {
  await page.goto('/verify-email?token=nope');
  await expect(page.getByText('Il collegamento non è valido o è scaduto.')).toBeVisible();
  const resend = page.getByRole('region', { name: 'Non ti è arrivata l\'email?' });
  await expect(resend.getByLabel('Indirizzo email')).toHaveValue('');

  // The server's 429 with its Retry-After (stood in for here: the real allowance is shared by
  // every test from this address).
  await page.route('**/api/v1/auth/verify-email/resend', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1740' },
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Too many attempts',
        status: 429,
        code: 'rate_limited',
        detail: 'Too many attempts. Try again in 1740 seconds.',
      }),
    }),
  );
  await resend.getByLabel('Indirizzo email').fill('qualcuno@example.org');
  await resend.getByRole('button', { name: 'Mandami un nuovo collegamento' }).click();
  await expect(resend.getByRole('alert')).toHaveText(
    'Hai chiesto troppe email da questa connessione. Riprova tra 29 minuti.',
  );
  await expect(resend.getByLabel('Indirizzo email')).toHaveValue('qualcuno@example.org');
  await expectAccessible(page, 'verify email, resend refused');

  await page.goto('/verify-email');
  await expect(page.getByRole('region', { name: 'Non ti è arrivata l\'email?' })).toBeVisible();
});

test('the edit forms and the dialog fit 320 px and 200% text', async ({ page }) => {
  const eva = await apiResident(page.request, 'eva', ['ospizio']);
  const dialogue = await channelOf(page, 'ospizio', 'dialogue');
  const auth = { authorization: `Bearer ${eva.token}` };
  const post = await (
    await page.request.post(`/api/v1/channels/${dialogue.id}/posts`, {
      headers: auth,
      data: { title: 'Una proposta con un titolo piuttosto lungo per uno schermo stretto', body: 'Testo.' },
    })
  ).json();
  const made = await page.request.post(`/api/v1/posts/${post.id}/comments`, {
    headers: auth,
    data: { body: 'Un commento.' },
  });
  expect(made.status()).toBe(201);
  await signInThroughForm(page, eva);
  for (const [size, css] of [
    [{ width: 320, height: 720 }, null],
    [{ width: 1280, height: 900 }, 'html { font-size: 200% !important; }'],
  ] as const) {
    await page.setViewportSize(size);
    await page.goto(`/posts/${post.id}`);
    await expect(page.locator('li.comment')).toHaveCount(1);
    if (css) await page.addStyleTag({ content: css });
    const where = css ? '200% text' : '320 px';
    await page.getByRole('button', { name: /^Elimina il tuo commento/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoHorizontalScroll(page, `delete dialog at ${where}`);
    await page.getByRole('button', { name: 'No, lascia stare' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // The comment's own controls give way to its form while it is open.
    await page.getByRole('button', { name: /^Modifica il tuo commento/ }).click();
    await page.getByRole('button', { name: 'Modifica', exact: true }).click();
    await expect(page.locator('#edit-title')).toBeVisible();
    await expect(page.getByLabel('Il testo del tuo commento', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, `edit forms at ${where}`);
  }
});

test('the organiser moves an event to another day, time and place and adds places; who is going is told', async ({ page }) => {
  const olga = await apiResident(page.request, 'olga', ['santa-croce']);
  const gino = await apiResident(page.request, 'gino', ['santa-croce']);
  const events = await channelOf(page, 'santa-croce', 'events');
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const made = await page.request.post(`/api/v1/channels/${events.id}/posts`, {
    headers: { authorization: `Bearer ${olga.token}` },
    data: {
      title: 'Tombola di quartiere',
      body: 'Portate le cartelle.',
      starts_at: `${day(6)}T15:00`,
      ends_at: `${day(6)}T17:00`,
      location: { name: 'Sala civica', address: 'Via Roma 1' },
      capacity: 2,
    },
  });
  expect(made.status()).toBe(201);
  const event = await made.json();
  const going = await page.request.post(`/api/v1/posts/${event.id}/rsvp`, {
    headers: { authorization: `Bearer ${gino.token}` },
  });
  expect((await going.json()).status).toBe('going');

  await signInThroughForm(page, olga);
  await page.goto(`/posts/${event.id}`);
  await expect(page.locator('.event-facts')).toContainText('Sala civica, Via Roma 1');
  await page.getByRole('button', { name: 'Modifica', exact: true }).click();
  const form = page.getByRole('region', { name: 'Modifica l\'evento' });
  await expect(form).toBeVisible();
  // Filled in from the event, on its own clock.
  const date = form.getByLabel('Giorno', { exact: true });
  const from = form.getByLabel('Ora di inizio');
  const to = form.getByLabel('Ora di fine');
  const place = form.getByLabel('Nome del luogo');
  const address = form.getByLabel('Indirizzo');
  const places = form.getByLabel('Numero di posti (facoltativo)');
  await expect(page.getByLabel('Nome dell\'evento')).toHaveValue('Tombola di quartiere');
  await expect(date).toHaveValue(day(6));
  await expect(from).toHaveValue('15:00');
  await expect(to).toHaveValue('17:00');
  await expect(place).toHaveValue('Sala civica');
  await expect(address).toHaveValue('Via Roma 1');
  await expect(places).toHaveValue('2');
  await expect(places).toHaveAccessibleDescription(/nessuno perde il posto che ha già/);
  await expectAccessible(page, 'event edit form');

  // An end before the start: refused next to the end time; what was typed stays.
  await date.fill(day(9));
  await from.fill('18:30');
  await to.fill('17:00');
  await place.fill('Circolo di via Adua');
  await address.fill('Via Adua 20');
  await places.fill('10');
  await form.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toBeFocused();
  await expect(to).toHaveAccessibleDescription(/dopo l'inizio/);
  await expect(date).toHaveValue(day(9));
  await expect(from).toHaveValue('18:30');
  await expect(to).toHaveValue('17:00');
  await expect(place).toHaveValue('Circolo di via Adua');
  await expect(places).toHaveValue('10');
  await expectAccessible(page, 'event edit refused');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoHorizontalScroll(page, 'event edit form at 320 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  await to.fill('20:00');
  await form.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByText('Modifiche salvate.')).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/posts/${event.id}`)).json();
  expect(saved.event.starts_local).toMatch(new RegExp(`^${day(9)}T18:30`));
  expect(saved.event.ends_local).toMatch(new RegExp(`^${day(9)}T20:00`));
  expect(saved.event.time_zone).toBe(event.event.time_zone);
  const newDay = new Intl.DateTimeFormat('it-IT', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: saved.event.time_zone,
  }).format(new Date(saved.event.starts_at));
  for (const facts of [page.locator('.event-facts'), null]) {
    const shown = facts ?? (await page.reload(), page.locator('.event-facts'));
    await expect(shown).toContainText(newDay);
    await expect(shown).toContainText('18:30');
    await expect(shown).toContainText('20:00');
    await expect(shown).toContainText('Circolo di via Adua, Via Adua 20');
    await expect(shown).toContainText('Liberi: 9 su 10');
  }

  // Gino, who is going, is told.
  await signOut(page);
  await signInThroughForm(page, gino);
  await page.goto('/notifications');
  await expect(page.getByRole('link', { name: 'L\'evento «Tombola di quartiere» è cambiato' })).toHaveAttribute(
    'href',
    `/posts/${event.id}`,
  );
  await signOut(page);

  // Once cancelled, only the name and description can change, and the form says why.
  const cancelled = await page.request.post(`/api/v1/posts/${event.id}/cancellation`, {
    headers: { authorization: `Bearer ${olga.token}` },
    data: { reason: 'Sala non disponibile.' },
  });
  expect(cancelled.ok()).toBe(true);
  await signInThroughForm(page, olga);
  await page.goto(`/posts/${event.id}`);
  await page.getByRole('button', { name: 'Modifica', exact: true }).click();
  await expect(form).toContainText('Questo evento è stato annullato: giorno, luogo e posti non si possono più cambiare.');
  await expect(form.getByLabel('Giorno', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Nome dell\'evento')).toBeVisible();
  await expectAccessible(page, 'cancelled event edit form');
});
