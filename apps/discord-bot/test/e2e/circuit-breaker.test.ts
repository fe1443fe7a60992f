// The bot's own process against a Z-API that keeps failing: after five failed creates in a row
// the client's circuit breaker (on by default) refuses the next at once, and the member reads
// why, that nothing was sent, and when to try again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd();
}, 40_000);
afterAll(async () => {
  await e2e.close();
});

describe('/zapi-create while Z-API keeps failing', () => {
  it('stops sending creates after five failures in a row and says so, with the code', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'status', status: 503 } });
    for (let index = 0; index < 5; index += 1) {
      const sent = e2e.fake.command(
        'zapi-create',
        { name: `failing ${index}` },
        { member: e2e.people.member },
      );
      expect((await e2e.fake.reply(sent, 15_000)).content).toMatch(/ZAPI_OUTCOME_UNKNOWN|may have/);
    }
    expect(e2e.sandbox.count('create')).toBe(5);

    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'refused' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent, 15_000);
    expect(reply.content).toMatch(/Z-API kept failing.*Nothing was sent/);
    expect(reply.content).toMatch(/Try again <t:\d+:R>/);
    expect(reply.content).toContain('(ZAPI_CIRCUIT_OPEN)');
    expect(e2e.sandbox.count('create')).toBe(5);
    await e2e.bot.waitForLog(/"outcome":"ZAPI_CIRCUIT_OPEN"/);
  }, 60_000);
});
