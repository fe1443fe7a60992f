// The bot against a Z-API that leaves dates empty: a create still succeeds and says so, and the
// list still shows every instance, since a field the bot does not need never fails a call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd({ sandbox: { dateFormat: 'empty' } });
}, 40_000);
afterAll(async () => {
  await e2e.close();
});

describe('against a Z-API whose answers carry empty dates', () => {
  it('creates once and says when the trial ends as well as it can', async () => {
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Sem data' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent);
    expect(e2e.sandbox.count('create')).toBe(1);
    expect(reply.embeds[0]?.title).toBe('Instance created');
    expect(reply.embeds[0]?.fields).toEqual(
      expect.arrayContaining([
        { name: 'Trial ends', value: 'in 2 days (Z-API did not say exactly)' },
      ]),
    );
  });

  it('lists the instance', async () => {
    const sent = e2e.fake.command('zapi-list', {}, { member: e2e.people.member });
    const reply = await e2e.fake.reply(sent);
    expect(JSON.stringify(reply.embeds)).toContain('Sem data');
  });

  it('asks before creating the name again, saying the creation time is unknown', async () => {
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Sem data' },
      { member: e2e.people.colleague },
    );
    const asked = await e2e.fake.reply(sent);
    const existing = e2e.sandbox.instances.all().find((instance) => instance.name === 'Sem data');
    expect(asked.embeds[0]?.description).toBe(`• \`${existing?.id}\`, created unknown`);
    expect(e2e.sandbox.count('create')).toBe(1);
  });
});
