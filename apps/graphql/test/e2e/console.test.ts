import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../harness.js';
import {
  chromiumAvailable,
  expectNoSeriousViolations,
  launchChromium,
  onlyLoopback,
  screenshot,
  SCREENSHOTS,
} from './console-browser.js';

let browser: Browser;

/** Presses Tab until the focused element's accessible text is `text` (at most 40 times). */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let step = 0; step < 40; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element?.innerText.trim() || element?.getAttribute('aria-label') || '';
    });
    if (focused === text) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

/** Keeps every text an element shows from now on in `window.said`, however briefly shown. */
async function recordAnnouncements(page: Page, testId = 'announcer'): Promise<void> {
  await page.evaluate((id) => {
    const region = document.querySelector(`[data-testid="${id}"]`)!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = region.textContent;
      if (text) said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  }, testId);
}

/** The console's live region's text. */
const announced = (page: Page) => page.getByTestId('announcer').innerText();

beforeAll(async () => {
  if (!chromiumAvailable) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  if (chromiumAvailable) await browser.close();
});

describe.skipIf(!chromiumAvailable)('the console on an open sandbox gateway', () => {
  let g: Gateway;
  let page: Page;
  let outside: string[];
  beforeAll(async () => {
    g = await startGateway({
      apiKeys: '',
      sandbox: { qrRotationMs: 2_500 },
      // A loaded CI machine: the harness's 1 s upstream timeout is for fault tests, not these.
      client: { timeoutMs: 5_000 },
      app: { events: { qrRotationMs: 2_500, statusPollMs: 300 } },
    });
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/Sao_Paulo' });
    page = await context.newPage();
    outside = await onlyLoopback(page);
    await page.goto(`${g.url}/console/`);
  }, 60_000);
  afterAll(async () => {
    await page.context().close();
    await g.close();
  });

  it('needs no key, shows the sandbox badge and every scope, and passes axe', async () => {
    await expect.poll(() => page.getByTestId('mode-badge').innerText()).toBe('Sandbox');
    expect(await page.locator('.scope').allInnerTexts()).toEqual([
      'read',
      'write',
      'token',
      'metrics',
    ]);
    await page.getByText('No instances yet.').waitFor();
    await expectNoSeriousViolations(page, 'empty list');
  });

  it('creates by keyboard alone; a double submit creates once', async () => {
    await page.locator('body').focus();
    await tabTo(page, 'Create');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create an instance' });
    await dialog.waitFor();
    // showModal focuses the first field: the name.
    await page.keyboard.type('Loja Centro');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open Loja Centro' }).waitFor();
    await expect.poll(() => announced(page)).toContain('Loja Centro');
    expect(g.sandbox.count('create')).toBe(1);

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByLabel('Name of the instance to create').fill('Loja Norte');
    await dialog.getByRole('button', { name: 'Create', exact: true }).dblclick();
    await page.getByRole('button', { name: 'Open Loja Norte' }).waitFor();
    await page.waitForTimeout(300);
    expect(g.sandbox.count('create')).toBe(2);
    expect(outside).toEqual([]);
  }, 30_000);

  it('checks the schema’s rules at the field, and shows candidates when the outcome is unknown', async () => {
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an instance' });
    await dialog
      .getByLabel(/^Webhook \(https\) for messages received \(/)
      .fill('http://example.com/r');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText('This field is required.').waitFor();
    await dialog.getByText('Must be an https:// address.').waitFor();
    expect(
      await dialog.getByLabel('Name of the instance to create').getAttribute('aria-invalid'),
    ).toBe('true');
    await expectNoSeriousViolations(page, 'create with errors');
    await screenshot(page, 'create');
    expect(g.sandbox.count('create')).toBe(2);

    await dialog.getByLabel(/^Webhook \(https\) for messages received \(/).fill('');
    await dialog.getByLabel('Name of the instance to create').fill('Loja Sul');
    // An instance of that name exists (made by another tab, say); this create's connection is
    // reset: the outcome is unknown, and the instance found under the name is the candidate.
    await g.gql(CREATE, { input: { name: 'Loja Sul' } });
    g.sandbox.faults.inject({ route: 'create', fault: { kind: 'reset' }, times: 1 });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByTestId('candidates').waitFor();
    expect(await dialog.getByTestId('form-error').innerText()).toContain(
      'We could not tell whether Loja Sul was created',
    );
    expect(await dialog.getByTestId('candidates').innerText()).toContain('Loja Sul');
    const creates = g.sandbox.count('create');
    // Trying the same submission again sends the same idempotency key: nothing more is created.
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForTimeout(500);
    expect(g.sandbox.count('create')).toBe(creates);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 30_000);

  it('runs the lifecycle, confirming cancel and disconnect, and reads webhooks back', async () => {
    await page.getByRole('button', { name: 'Open Loja Centro' }).click();
    const panel = page.getByTestId('instance-panel');
    const result = panel.getByTestId('action-result');
    await panel.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => result.innerText()).toBe('Loja Centro is subscribed.');
    expect(g.sandbox.count('subscribe')).toBe(1);
    await panel.getByRole('button', { name: 'Enable calls' }).click();
    await expect.poll(() => result.innerText()).toBe('Calls are enabled on Loja Centro.');
    await panel.getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => result.innerText()).toBe('Loja Centro is restarting.');
    expect(g.sandbox.count('restart')).toBe(1);

    await panel.getByRole('button', { name: 'Cancel subscription' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('Cancel the subscription of Loja Centro?').waitFor();
    await expectNoSeriousViolations(page, 'confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(g.sandbox.count('cancel')).toBe(0);
    await panel.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => result.innerText())
      .toBe('The subscription of Loja Centro is cancelled.');
    expect(g.sandbox.count('cancel')).toBe(1);

    await panel.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => result.innerText()).toBe('Loja Centro is disconnected.');
    expect(g.sandbox.count('disconnect')).toBe(1);

    const received = panel.getByLabel('Webhook (https) for messages received', { exact: true });
    await received.fill('https://hooks.example/received');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => panel.getByTestId('webhooks-result').innerText())
      .toBe('Saved. The instance now reports the values shown.');
    expect(await received.inputValue()).toBe('https://hooks.example/received');
    const instanceId = (await panel.locator('code').innerText()).trim();
    const readBack = await g.gql(
      'query ($id: ID!) { instance(id: $id) { webhooks { receivedCallbackUrl } } }',
      { id: instanceId },
    );
    expect(readBack.body.data).toEqual({
      instance: { webhooks: { receivedCallbackUrl: 'https://hooks.example/received' } },
    });
    await expectNoSeriousViolations(page, 'instance panel');
    await screenshot(page, 'instance');
  }, 40_000);

  it('connects: the QR code rotates with a countdown, a loss of contact is said, the simulated phone connects by keyboard', async () => {
    const panel = page.getByTestId('instance-panel');
    await panel.getByRole('button', { name: 'Connect a phone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a phone to Loja Centro' });
    const qr = dialog.getByTestId('qr');
    await qr.waitFor();
    const first = await qr.getAttribute('src');
    expect(first).toMatch(/^data:image\/png;base64,/);
    expect(await dialog.getByTestId('countdown').innerText()).toMatch(/New code in \d+ s/);
    await expectNoSeriousViolations(page, 'connect');
    await screenshot(page, 'connect');
    // The sandbox rotates every 2.5 s here: the dialog shows the new code.
    await expect.poll(() => qr.getAttribute('src'), { timeout: 10_000 }).not.toBe(first);

    // The connection to the gateway breaks: said, retried, and its return said.
    await recordAnnouncements(page);
    g.dropConnections();
    await dialog.getByTestId('stream-back').waitFor({ timeout: 10_000 });
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said.findIndex((text) => text.startsWith('Lost contact'))).toBeGreaterThanOrEqual(0);
    expect(said.findIndex((text) => text.startsWith('Back in contact'))).toBeGreaterThan(
      said.findIndex((text) => text.startsWith('Lost contact')),
    );
    await qr.waitFor();

    await dialog.getByLabel('Phone number with country code, digits only').focus();
    await tabTo(page, 'Simulate the phone');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('connected').waitFor({ timeout: 10_000 });
    await expect.poll(() => announced(page)).toContain('Connected');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const row = page.getByRole('row', { name: /Loja Centro/ });
    await expect
      .poll(() => row.getByTestId('status').innerText(), { timeout: 10_000 })
      .toBe('Connected');
  }, 60_000);

  it('shows status changes live (instanceEvents), in the events panel and announced', async () => {
    await page.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.getByTestId('live-indicator').innerText()).toBe('Live');
    const id = await g
      .gql('{ instances(pageSize: 100) { items { id name } } }', {})
      .then(
        (res) =>
          (res.body.data?.instances as { items: { id: string; name: string }[] }).items.find(
            (item) => item.name === 'Loja Norte',
          )!.id,
      );
    // The phone connects outside the console: the row changes without a refresh.
    await g.raw(`/__sandbox/instances/${id}/connect`, {
      method: 'POST',
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    const row = page.getByRole('row', { name: /Loja Norte/ });
    await expect
      .poll(() => row.getByTestId('status').innerText(), { timeout: 10_000 })
      .toBe('Connected');
    await expect
      .poll(() => page.getByTestId('events').innerText())
      .toContain('Loja Norte: connected');
    await expect.poll(() => announced(page)).toContain('Loja Norte: Connected');
    // The stream breaks and comes back: the indicator says so.
    await recordAnnouncements(page, 'live-indicator');
    g.dropConnections();
    const shown = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
    await expect.poll(shown, { timeout: 10_000 }).toContain('Reconnecting…');
    await expect
      .poll(async () => (await shown()).slice((await shown()).indexOf('Reconnecting…')), {
        timeout: 10_000,
      })
      .toContain('Live');
    await screenshot(page, 'events');
  }, 30_000);

  it('sorts by status and due date, searches, and speaks pt-BR', async () => {
    const names = () => page.locator('tbody tr td:first-child button').allInnerTexts();
    await page.getByRole('button', { name: 'Status' }).click();
    expect((await names())[0]).toBe('Loja Centro');
    await page.getByPlaceholder('Search by name or id').fill('norte');
    await expect.poll(names).toEqual(['Loja Norte']);
    await page.getByPlaceholder('Search by name or id').fill('');
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { name: 'Instâncias' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
    await page.getByRole('button', { name: 'Criar', exact: true }).click();
    await page.getByLabel('Nome da instância a ser criada').waitFor();
    await expectNoSeriousViolations(page, 'create in pt-BR');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await expectNoSeriousViolations(page, 'list in pt-BR');
    await screenshot(page, 'instances-pt-BR');
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await screenshot(page, 'instances');
  }, 30_000);

  it('starts in Portuguese for a Portuguese browser, due dates in local time', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'Asia/Tokyo' });
    const other = await context.newPage();
    await other.goto(`${g.url}/console/`);
    await other.getByRole('heading', { name: 'Instâncias' }).waitFor();
    const time = other.locator('tbody time').first();
    await time.waitFor();
    const iso = await time.getAttribute('datetime');
    const expected = new Intl.DateTimeFormat('pt-BR', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(iso!));
    expect(await time.innerText()).toBe(expected);
    await context.close();
  });
});

describe.skipIf(!chromiumAvailable)('the console on a gateway with API keys', () => {
  let g: Gateway;
  beforeAll(async () => {
    g = await startGateway();
  });
  afterAll(async () => {
    await g.close();
  });

  it('signs in with a key kept in sessionStorage only; a read key sees why it may not create', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${g.url}/console/`);
    const keyField = page.getByLabel('API key');
    await keyField.waitFor();
    await expectNoSeriousViolations(page, 'sign-in');
    await keyField.fill('not-a-key-of-this-gateway-0123456789abcdef');
    await keyField.press('Enter');
    await page.getByRole('alert').getByText('This gateway does not know that key.').waitFor();
    await screenshot(page, 'sign-in');

    await keyField.fill(KEYS.read);
    await keyField.press('Enter');
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    expect(await page.locator('.scope').allInnerTexts()).toEqual(['read']);
    const create = page.getByRole('button', { name: 'Create', exact: true });
    expect(await create.isDisabled()).toBe(true);
    expect(await create.getAttribute('title')).toBe(
      'Your API key may not change instances: it lacks the write scope.',
    );
    const storage = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.keys(localStorage).length,
      url: location.href,
    }));
    expect(storage.session).toContain(KEYS.read);
    expect(storage.local).toBe(0);
    expect(storage.url).not.toContain(KEYS.read);

    // A reload in the same tab stays signed in; signing out forgets the key.
    await page.reload();
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage) as string[])).not.toContain(
      KEYS.read,
    );
    await context.close();
  }, 30_000);
});
