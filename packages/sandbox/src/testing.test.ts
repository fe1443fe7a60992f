import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../test/http.js';
import type { Sandbox } from './server.js';
import { CANARY_SECRETS, captureLogger, leakedSecrets, startCanarySandbox } from './testing.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('@zapikit/sandbox/testing', () => {
  it('starts a sandbox that accepts the canary tokens and no others', async () => {
    sandbox = await startCanarySandbox();
    const clientToken = { 'client-token': CANARY_SECRETS.clientToken };
    const ok = await call(sandbox.url, 'GET', '/instances', {
      token: CANARY_SECRETS.partnerToken,
      headers: clientToken,
    });
    expect(ok.status).toBe(200);
    const wrong = await call(sandbox.url, 'GET', '/instances', {
      token: 'another-token',
      headers: clientToken,
    });
    expect(wrong.status).toBe(401);
    expect(
      (await call(sandbox.url, 'GET', '/instances', { token: CANARY_SECRETS.partnerToken })).status,
    ).toBe(400);
  });

  it('finds canary and extra secrets, plain or percent-encoded, and nothing in a clean text', () => {
    expect(leakedSecrets('all clear')).toEqual([]);
    expect(leakedSecrets(`Bearer ${CANARY_SECRETS.partnerToken}`)).toEqual([
      CANARY_SECRETS.partnerToken,
    ]);
    expect(leakedSecrets('/token/a%2Fb/status', ['a/b'])).toEqual(['a/b']);
  });

  it('captures pino-style log calls as JSON lines', () => {
    const logger = captureLogger();
    logger.warn({ code: 'X' }, 'failed');
    expect(logger.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { level: 'warn', code: 'X', msg: 'failed' },
    ]);
  });
});
