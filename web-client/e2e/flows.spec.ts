import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, mailedLink, newPerson, tabTo } from './helpers';

type Person = ReturnType<typeof newPerson>;

async function register(page: Page, p: Person) {
  await page.goto('/register');
  await page.getByLabel('Nome utente').fill(p.username);
  await page.getByLabel('Indirizzo email').fill(p.email);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page.getByText(`Ti abbiamo mandato una email a ${p.email}`)).toBeVisible();
}

test('a resident registers, verifies the address, signs in, joins, posts and comments', async ({ page }) => {
  const p = newPerson('maria');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'I quartieri' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ospizio', exact: true })).toBeVisible();

  // The server refuses bad input: the form keeps it and says why next to each field.
  await page.goto('/register');
  await page.getByLabel('Nome utente').fill('x');
  await page.getByLabel('Indirizzo email').fill('non-una-email');
  await page.getByLabel('Password', { exact: true }).fill('corta');
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'controlla i campi' })).toBeVisible();
  const username = page.getByLabel('Nome utente');
  await expect(username).toHaveValue('x');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toBeFocused();
  await expect(page.locator('#username-error')).toHaveText(/lunghezza/);
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/troppo corto/);
  await expectAccessible(page, 'register with errors');

  await register(page, p);

  // The mailed link opens the verification screen, which confirms the address.
  const link = await mailedLink(p.email, 'verify-email');
  await page.goto(link);
  await expect(page.getByText('Indirizzo confermato')).toBeVisible();
  await expectAccessible(page, 'verify email');

  await page.getByRole('link', { name: 'Accedi', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('sbagliata-sbagliata');
  await page.getByLabel('Nome utente o email').fill(p.username);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'non corretti' })).toBeVisible();
  await expect(page.getByLabel('Nome utente o email')).toHaveValue(p.username);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page.getByText(`Bentornato, ${p.username}.`)).toBeVisible();
  await expect(page.getByText(`Sei entrato come ${p.username}`)).toBeVisible();

  // Join from the list.
  await page.getByRole('button', { name: 'Iscriviti a Ospizio' }).click();
  await expect(page.getByText('Ti sei iscritto a Ospizio.')).toBeVisible();
  await expectAccessible(page, 'home, signed in');

  await page.getByRole('link', { name: 'Ospizio', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ospizio' })).toBeVisible();
  await expect(page.getByText('Sei iscritto a questo quartiere.')).toBeVisible();
  await expectAccessible(page, 'community');

  await page.getByRole('link', { name: 'Dialogo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dialogo' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Messaggi', exact: true })).toBeVisible();
  await expectAccessible(page, 'channel');

  // An empty title is refused by the server; the body typed so far stays.
  await page.getByLabel('Testo').fill('Propongo di sistemare le panchine del parco.');
  await page.getByRole('button', { name: 'Pubblica' }).click();
  await expect(page.getByLabel('Titolo')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Testo')).toHaveValue('Propongo di sistemare le panchine del parco.');
  await page.getByLabel('Titolo').fill('Panchine nuove al parco');
  await page.getByRole('button', { name: 'Pubblica' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Panchine nuove al parco' })).toBeVisible();
  await expect(page.getByText('Messaggio pubblicato.')).toBeVisible();
  await expect(page.getByText('Nessun commento per ora.')).toBeVisible();
  await expectAccessible(page, 'post');

  await page.getByLabel('Il tuo commento').fill('Sono d\'accordo, anche vicino alla fontana.');
  await page.getByRole('button', { name: 'Invia il commento' }).click();
  const first = page.locator('li.comment').filter({ hasText: 'anche vicino alla fontana' });
  await expect(first).toBeVisible();

  // A threaded reply sits inside the comment it answers.
  await first.getByRole('button', { name: `Rispondi a ${p.username}` }).click();
  await page.getByLabel(`La tua risposta a ${p.username}`).fill('E una rastrelliera per le bici.');
  await page.getByRole('button', { name: 'Invia il commento' }).first().click();
  await expect(first.locator('ul.comment-thread li.comment')).toContainText('rastrelliera');
  await expectAccessible(page, 'post with comments');

  // The post is in the channel's feed, and the page survives a reload (history routing).
  // The session survives it too: the access token was in memory only, the refresh token renews it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Panchine nuove al parco' })).toBeVisible();
  await expect(page.getByText(`Sei entrato come ${p.username}`)).toBeVisible();
  await expect(page.getByRole('button', { name: `Rispondi a ${p.username}` }).first()).toBeVisible();
  await expect(page.locator('li.comment')).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Sei qui' }).getByRole('link', { name: 'Dialogo' }).click();
  await expect(page.getByRole('link', { name: 'Panchine nuove al parco' })).toBeVisible();
  await expect(page.getByText('2 commenti').first()).toBeVisible();

  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByText('Sei uscito.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accedi', exact: true })).toBeVisible();
});

test('the same flow with the keyboard alone, in English', async ({ page }) => {
  const p = newPerson('luca');
  await register(page, p);
  await page.goto(await mailedLink(p.email, 'verify-email'));
  await expect(page.getByText('Indirizzo confermato')).toBeVisible();

  await page.goto('/');
  // Switch the language with the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Switch to English' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Neighbourhoods' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await tabTo(page, page.getByRole('link', { name: 'Sign in', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await tabTo(page, page.getByLabel('Username or email'));
  await page.keyboard.type(p.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(p.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Welcome back, ${p.username}.`)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Join Santa Croce' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('You joined Santa Croce.')).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Santa Croce', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Santa Croce' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Dialogo' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Write a new post' })).toBeVisible();

  await tabTo(page, page.getByLabel('Title'));
  await page.keyboard.type('Street party in June');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Text')).toBeFocused();
  await page.keyboard.type('Who wants to help?');
  await tabTo(page, page.getByRole('button', { name: 'Publish' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Street party in June' })).toBeVisible();

  await tabTo(page, page.getByLabel('Your comment'));
  await page.keyboard.type('Count me in.');
  await tabTo(page, page.getByRole('button', { name: 'Send the comment' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('li.comment')).toContainText('Count me in.');
  await expect(page.getByText('Comment sent.')).toBeVisible();
  await expectAccessible(page, 'post after keyboard flow');
});
