// The bot's own process: names people cannot tell apart, and a Z-API that keeps failing (after
// five failed creates in a row the client's circuit breaker, on by default, refuses the next at
// once, and the member reads why, that nothing was sent, and when to try again). The breaker
// stays open for 10 s, so its test runs last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd();
}, 40_000);
afterAll(async () => {
  await e2e.close();
});

describe('/zapi-create with names people cannot tell apart', () => {
  it('refuses a name with a bidirectional control, naming the option and the character', async () => {
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Loja\u202Eexe.txt' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent);
    expect(reply.content).toMatch(/Nothing was sent to Z-API/);
    expect(reply.content).toMatch(/`name`: must not contain U\+202E \(a bidirectional control/);
    expect(e2e.sandbox.count('create')).toBe(0);
  });

  it('treats a name typed another way (NFD) as the same name: a second create is refused while the first is in flight', async () => {
    e2e.sandbox.faults.inject({
      route: 'create',
      times: 1,
      fault: { kind: 'latency', ms: 1_500 },
    });
    const first = e2e.fake.command(
      'zapi-create',
      { name: 'Padaria S\u00E3o Jo\u00E3o' },
      { member: e2e.people.member },
    );
    await e2e.fake.ack(first);
    const second = e2e.fake.command(
      'zapi-create',
      { name: 'Padaria Sa\u0303o Joa\u0303o' },
      { member: e2e.people.colleague },
    );
    expect((await e2e.fake.reply(second)).content).toMatch(/already in progress/);
    expect((await e2e.fake.reply(first, 10_000)).embeds[0]?.title).toBe('Instance created');
    expect(e2e.sandbox.count('create')).toBe(1);
    expect(e2e.sandbox.instances.all().map((instance) => instance.name)).toEqual([
      'Padaria S\u00E3o Jo\u00E3o',
    ]);
  });
});

describe('/zapi-create while Z-API keeps failing', () => {
  it('stops sending creates after five failures in a row and says so, with the code', async () => {
    const before = e2e.sandbox.count('create');
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'status', status: 503 } });
    for (let index = 0; index < 5; index += 1) {
      const sent = e2e.fake.command(
        'zapi-create',
        { name: `failing ${index}` },
        { member: e2e.people.member },
      );
      expect((await e2e.fake.reply(sent, 15_000)).content).toMatch(/ZAPI_OUTCOME_UNKNOWN|may have/);
    }
    expect(e2e.sandbox.count('create')).toBe(before + 5);

    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'refused' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent, 15_000);
    expect(reply.content).toMatch(/Z-API kept failing.*Nothing was sent/);
    expect(reply.content).toMatch(/Try again <t:\d+:R>/);
    expect(reply.content).toContain('(ZAPI_CIRCUIT_OPEN)');
    expect(e2e.sandbox.count('create')).toBe(before + 5);
    await e2e.bot.waitForLog(/"outcome":"ZAPI_CIRCUIT_OPEN"/);
  }, 60_000);
});
