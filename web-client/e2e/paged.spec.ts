import { expect, test } from '@playwright/test';

// The lists read page by page (src/components/usePaged.ts): "show more", a failed page retried
// with its own cursor, and an answer that arrives after the filters changed.

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('comune.locale', 'en'));
});

test('a paged list shows more, and a failed page is retried with its cursor', async ({ page }) => {
  const cursors: (string | null)[] = [];
  let failNext = true;
  // The demo has fewer than 20 neighbourhoods: the server's first page is given a next cursor,
  // and the second page is made up here (it fails once first).
  await page.route(/\/api\/v1\/communities\?/, async (route) => {
    const url = new URL(route.request().url());
    const cursor = url.searchParams.get('cursor');
    cursors.push(cursor);
    const response = await route.fetch({ url: url.origin + url.pathname + '?limit=20' });
    const first = await response.json();
    if (!cursor) return route.fulfill({ response, json: { ...first, next_cursor: 'page-2' } });
    if (failNext) {
      failNext = false;
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        json: { type: 'about:blank', title: 'Unavailable', status: 503, code: 'unavailable', detail: 'try later' },
      });
    }
    const extra = { ...first.items[0], id: 'page-2-item', slug: 'page-two', name: 'Second page neighbourhood' };
    return route.fulfill({ response, json: { items: [extra], next_cursor: null } });
  });

  await page.goto('/');
  const cards = page.locator('main .it-card');
  await expect(cards.first()).toBeVisible();
  const onFirstPage = await cards.count();
  const more = page.getByRole('button', { name: 'Show more' });
  await more.click();

  const alert = page.locator('main .alert-danger');
  await expect(alert).toBeVisible();
  await expect(cards).toHaveCount(onFirstPage); // the first page stays
  await alert.getByRole('button').click();

  await expect(page.getByRole('link', { name: 'Second page neighbourhood' })).toBeVisible();
  await expect(cards).toHaveCount(onFirstPage + 1);
  await expect(alert).toHaveCount(0);
  await expect(more).toHaveCount(0); // no more pages
  expect(cursors).toEqual([null, 'page-2', 'page-2']);
});

test('an answer that arrives after the filters changed is dropped', async ({ page }) => {
  // Searches for "parco" answer late; the newer search's answer (nothing found) must stay.
  await page.route(/\/api\/v1\/search\?/, async (route) => {
    const response = await route.fetch();
    if (new URL(route.request().url()).searchParams.get('q') === 'parco') {
      await new Promise((done) => setTimeout(done, 2_000));
    }
    await route.fulfill({ response });
  });
  const late = page.waitForResponse((r) => r.url().includes('/api/v1/search?') && r.url().includes('q=parco'));
  await page.goto('/search?q=parco');
  await expect(page.locator('#search-q')).toHaveValue('parco');
  await page.locator('#search-q').fill('zzqxnothingmatches');
  await page.locator('form.search-form button[type=submit]').click();
  await expect(page.locator('.empty-state')).toBeVisible();
  await late;
  // Give the late answer time to be (wrongly) applied.
  await page.waitForTimeout(500);
  await expect(page.locator('.empty-state')).toBeVisible();
  await expect(page.locator('.search-results li')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('zzqxnothingmatches');
});
