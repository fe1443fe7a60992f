import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../harness.js';

// Debian's chromium; CI installs it (.ci/install-system-deps) and sets REQUIRE_CHROMIUM so the
// test cannot be skipped there. A developer machine without it skips, saying so.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_CHROMIUM)
  throw new Error(`REQUIRE_CHROMIUM is set but ${CHROMIUM} does not exist`);

let g: Gateway;
let browser: Browser;

describe.skipIf(!available)('GraphiQL in a real browser, with no internet', () => {
  beforeAll(async () => {
    g = await startGateway({ apiKeys: '', receiver: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await g.close();
  });

  it('loads from the gateway alone, runs the example createInstance, then streams its QR code', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    // Anything not on loopback would be a CDN: refuse it and remember it.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
        return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    await page.goto(`${g.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    expect(await page.content()).toContain('My first instance');
    await page.locator('.graphiql-execute-button').click();
    // Two operations in the example: GraphiQL asks which one.
    await page.getByText('CreateInstance', { exact: true }).last().click();
    // The response editor renders spaces as no-break spaces; \s folds both.
    const response = async () =>
      (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
    await expect.poll(response, { timeout: 20_000 }).toContain('"sandbox": true');
    expect(await response()).toContain('"name": "My first instance"');
    expect(outside).toEqual([]);
    expect(g.sandbox.count('create')).toBe(1);

    // The subscription, over SSE, in the same editor: the QR code streams in, then CONNECTED.
    const id = /"id": "([^"]+)"/.exec(await response())?.[1] ?? '';
    await page.locator('.graphiql-query-editor').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      `subscription { instanceConnection(id: "${id}") { state qrCode phone } }`,
    );
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(response, { timeout: 20_000 }).toContain('"state": "WAITING_FOR_SCAN"');
    expect(await response()).toContain('data:image/png;base64,');
    expect(g.sandbox.connectInstance(id, '5511933334444')).toBe(true);
    await expect.poll(response, { timeout: 10_000 }).toContain('"state": "CONNECTED"');
    await page.screenshot({ path: new URL('../graphiql.png', import.meta.url).pathname });
  }, 60_000);
});
