import { expect, test, type Page } from '@playwright/test';

// The test server runs with COMUNE_INSTANCE_NAME='Comune di Prova' and COMUNE_THEME_COLOR='#0b5e3b'
// (e2e/global-setup.ts); every other spec, and the axe checks, run on this themed client too.
const NAME = 'Comune di Prova';
const GREEN = 'rgb(11, 94, 59)';
/** The kit's own blue, #06c. */
const BLUE = 'rgb(0, 102, 204)';

const background = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
const color = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => getComputedStyle(el).color);

test("the instance's name shows in the header and the document title", async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.it-brand-wrapper .instance-name')).toHaveText(NAME);
  await expect(page).toHaveTitle(`I quartieri — ${NAME}`);
  // In-app navigation: the page's own name, then the instance's.
  await page.locator('.slim-nav a[href="/register"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(`Crea un account — ${NAME}`);
});

test("the instance's colour is the kit's primary colour: header, buttons, links", async ({ page }) => {
  await page.goto('/register');
  await expect(page.locator('.instance-name')).toHaveText(NAME);
  await expect.poll(() => background(page, '.it-header-center-wrapper')).toBe(GREEN);
  // The slim bar, a shade darker (87.5% of the colour, as the kit's is of its blue).
  await expect.poll(() => background(page, '.it-header-slim-wrapper')).toBe('rgb(10, 82, 52)');
  // The footer, in the kit's darker shade (75%).
  await expect.poll(() => background(page, '.it-footer-main')).toBe('rgb(8, 71, 44)');

  const button = page.locator('main form button[type=submit].btn-primary');
  await expect(button).toBeVisible();
  // Polled: the kit's buttons change colour with a short transition once the colour arrives.
  await expect.poll(() => button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(GREEN);
  // Hover: darkened by mixing with black (85%).
  await button.hover();
  await expect
    .poll(() => button.evaluate((el) => getComputedStyle(el).backgroundColor))
    .toBe('rgb(9, 80, 50)');

  // Links on white in the same colour; the kit's variables follow it.
  await expect.poll(() => color(page, 'main a[href="/sign-in"]')).toBe(GREEN);
  const vars = await page.evaluate(() => {
    const s = getComputedStyle(document.documentElement);
    return [s.getPropertyValue('--bs-primary-rgb').trim(), s.getPropertyValue('--bs-link-color').trim()];
  });
  expect(vars).toEqual(['11, 94, 59', GREEN]);
});

test('without a colour the kit keeps its blue; the last answer is used while the next one loads', async ({ page }) => {
  // First visit: the server's answer, stored for the next visit.
  await page.goto('/');
  await expect(page.locator('.instance-name')).toHaveText(NAME);

  // The next load with the request held back: the stored name and colour show at once.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/v1/instance', async (route) => {
    await held;
    await route.fulfill({
      json: { name: 'Comune di Altrove', theme_color: null, default_locale: 'it', time_zone: 'Europe/Rome' },
    });
  });
  await page.reload();
  await expect(page.locator('.it-card').first()).toBeVisible();
  await expect(page.locator('.instance-name')).toHaveText(NAME);
  expect(await background(page, '.it-header-center-wrapper')).toBe(GREEN);

  // The fresh answer replaces it: another name, and no colour means the kit's blue.
  release();
  await expect(page.locator('.instance-name')).toHaveText('Comune di Altrove');
  await expect.poll(() => background(page, '.it-header-center-wrapper')).toBe(BLUE);
  await expect(page).toHaveTitle('I quartieri — Comune di Altrove');
});

test('the home screen does not wait for the instance: the default name until it arrives, kept when it fails', async ({ page }) => {
  // The first answer never comes; the next one is a failure.
  let calls = 0;
  await page.route('**/api/v1/instance', (route) =>
    ++calls === 1 ? new Promise<void>(() => undefined) : route.fulfill({ status: 503, body: '' }),
  );
  await page.goto('/');
  await expect(page.locator('.it-card').first()).toBeVisible();
  await expect(page.locator('.instance-name')).toHaveText('Comune');
  await expect(page).toHaveTitle('I quartieri — Comune');
  expect(await background(page, '.it-header-center-wrapper')).toBe(BLUE);

  await page.reload();
  await expect(page.locator('.it-card').first()).toBeVisible();
  await expect.poll(() => calls).toBe(2);
  await expect(page.locator('.instance-name')).toHaveText('Comune');
  expect(await background(page, '.it-header-center-wrapper')).toBe(BLUE);
});

test.describe('a browser preferring neither Italian nor English', () => {
  test.use({ locale: 'de-DE' });

  test("gets the instance's default language, unless the person chose one", async ({ page }) => {
    await page.route('**/api/v1/instance', (route) =>
      route.fulfill({
        json: { name: 'City of Test', theme_color: '#0b5e3b', default_locale: 'en', time_zone: 'Europe/Rome' },
      }),
    );
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neighbourhoods');
    await expect(page).toHaveTitle('Neighbourhoods — City of Test');

    // The switch is a choice, kept over the instance's default after a reload.
    await page.locator('.slim-nav button[lang=it]').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await page.reload();
    await expect(page.locator('.instance-name')).toHaveText('City of Test');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  });
});

test.describe('a browser preferring Italian', () => {
  test.use({ locale: 'it-IT' });

  test("keeps Italian though the instance's default is English", async ({ page }) => {
    await page.route('**/api/v1/instance', (route) =>
      route.fulfill({
        json: { name: 'City of Test', theme_color: null, default_locale: 'en', time_zone: 'Europe/Rome' },
      }),
    );
    await page.goto('/');
    await expect(page.locator('.instance-name')).toHaveText('City of Test');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  });
});
