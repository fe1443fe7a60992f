// End to end: every lifecycle command and button, through the real bot process.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMember } from '../fake-discord/fake-discord.js';
import { snowflake } from '../fake-discord/snowflake.js';
import { startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd({ env: { DISCORD_PAID_COOLDOWN_SECONDS: '60' } });
}, 40_000);
afterAll(async () => {
  await e2e.close();
});
afterEach(() => {
  e2e.sandbox.faults.clear();
});

const EPHEMERAL = 64;
// The cooldown is per member: each paid test acts as a fresh member with the allowed role.
function freshMember(): FakeMember {
  return {
    id: snowflake(),
    username: `member-${snowflake().slice(-4)}`,
    roles: [e2e.people.allowedRole],
  };
}
function instanceNamed(name: string) {
  const found = e2e.sandbox.instances.all().find((instance) => instance.name === name);
  if (!found) throw new Error(`no instance named ${name}`);
  return found;
}
async function create(name: string, member: FakeMember) {
  const sent = e2e.fake.command('zapi-create', { name }, { member });
  const reply = await e2e.fake.reply(sent);
  expect(reply.embeds[0]?.title).toBe('Instance created');
  return { reply, instance: instanceNamed(name) };
}

describe('/zapi-list', () => {
  it('pages with buttons and keeps the search across pages', async () => {
    const member = freshMember();
    for (let i = 1; i <= 12; i += 1) {
      e2e.sandbox.instances.create({ name: `branch ${String(i).padStart(2, '0')}` });
    }
    e2e.sandbox.instances.create({ name: 'unrelated' });
    const sent = e2e.fake.command('zapi-list', { query: 'branch' }, { member });
    const first = await e2e.fake.reply(sent);
    expect(first.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(first.embeds[0]?.title).toBe('Instances: page 1 of 2 (12 in all)');
    expect(first.embeds[0]?.description?.split('\n')).toHaveLength(10);
    expect(first.embeds[0]?.description).not.toMatch(/unrelated/);
    const previous = first.components[0]?.components[0];
    expect(previous).toMatchObject({ label: 'Previous', disabled: true });

    const next = e2e.fake.press(first, 'zapi:list:2:next', { member });
    expect((await e2e.fake.ack(next)).type).toBe(6);
    const second = await e2e.fake.reply(next);
    expect(second.embeds[0]?.title).toBe('Instances: page 2 of 2 (12 in all)');
    expect(second.embeds[0]?.description?.split('\n')).toHaveLength(2);
    expect(second.components[0]?.components[1]).toMatchObject({ label: 'Next', disabled: true });
  });
});

describe('/zapi-subscribe', () => {
  it('subscribes by id, with calls, and records it', async () => {
    const member = freshMember();
    const { instance } = await create('to subscribe', freshMember());
    const before = e2e.sandbox.count('subscribe');
    const sent = e2e.fake.command(
      'zapi-subscribe',
      { id: instance.id, 'with-calls': true },
      { member },
    );
    const reply = await e2e.fake.reply(sent);
    expect(reply.embeds[0]?.title).toBe('Instance subscribed');
    expect(reply.embeds[0]?.description).toMatch(/with calls/);
    expect(e2e.sandbox.count('subscribe')).toBe(before + 1);
    expect(instanceNamed('to subscribe')).toMatchObject({
      paymentStatus: expect.not.stringMatching(/trial/i),
      withCalls: true,
    });
    const audit = await e2e.bot.waitForLog(
      new RegExp(
        `"command":"zapi-subscribe".*"outcome":"subscribed".*"instanceId":"${instance.id}"`,
      ),
    );
    expect(JSON.parse(audit)).toMatchObject({ memberId: member.id, withCalls: true });
  });

  it('accepts an exact instance name typed instead of a suggestion', async () => {
    const { instance } = await create('typed by name', freshMember());
    const sent = e2e.fake.command(
      'zapi-subscribe',
      { id: 'typed by name' },
      { member: freshMember() },
    );
    expect((await e2e.fake.reply(sent)).embeds[0]?.fields).toContainEqual(
      expect.objectContaining({ value: `\`${instance.id}\`` }),
    );
  });

  it('says so for an id the partner does not have, and sends nothing', async () => {
    const before = e2e.sandbox.count('subscribe');
    const sent = e2e.fake.command(
      'zapi-subscribe',
      { id: 'F'.repeat(32) },
      { member: freshMember() },
    );
    expect((await e2e.fake.reply(sent)).content).toMatch(/^`id`: no instance of this partner/);
    expect(e2e.sandbox.count('subscribe')).toBe(before);
  });

  it('holds a member to the paid-command cooldown', async () => {
    const member = freshMember();
    const { instance } = await create('cooling down', member);
    const before = e2e.sandbox.count('subscribe');
    const sent = e2e.fake.command('zapi-subscribe', { id: instance.id }, { member });
    expect((await e2e.fake.reply(sent)).content).toMatch(
      /paid command moments ago\. Try again <t:\d+:R>/,
    );
    expect(e2e.sandbox.count('subscribe')).toBe(before);
    await e2e.bot.waitForLog(new RegExp(`"interactionId":"${sent.id}".*BOT_COOLDOWN`));
  });

  it('refuses a second subscription of one instance moments after the first, sending nothing', async () => {
    const { instance } = await create('subscribed once', freshMember());
    const before = e2e.sandbox.count('subscribe');
    const first = e2e.fake.command(
      'zapi-subscribe',
      { id: instance.id },
      { member: freshMember() },
    );
    expect((await e2e.fake.reply(first)).embeds[0]?.title).toBe('Instance subscribed');
    // Another member (no cooldown of theirs applies): the instance's own guard refuses.
    const second = e2e.fake.command(
      'zapi-subscribe',
      { id: instance.id },
      { member: freshMember() },
    );
    expect((await e2e.fake.reply(second)).content).toMatch(
      new RegExp(
        `\`${instance.id}\` was subscribed moments ago by <@\\d+>\\. Nothing was sent again`,
      ),
    );
    expect(e2e.sandbox.count('subscribe')).toBe(before + 1);
  });

  it('asks before the Subscribe button under a created instance spends money', async () => {
    const { reply, instance } = await create('via button', freshMember());
    const member = freshMember();
    const before = e2e.sandbox.count('subscribe');
    const ask = e2e.fake.press(reply, `zapi:subscribe:${instance.id}`, { member });
    const prompt = await e2e.fake.reply(ask);
    expect(prompt.embeds[0]?.title).toBe('Subscribe this instance?');
    expect(e2e.sandbox.count('subscribe')).toBe(before);

    const confirm = e2e.fake.press(prompt, `zapi:subscribe-confirm:${instance.id}:no-calls`, {
      member,
    });
    const done = await e2e.fake.reply(confirm);
    expect(done.embeds[0]?.title).toBe('Instance subscribed');
    expect(done.components).toEqual([]);
    expect(e2e.sandbox.count('subscribe')).toBe(before + 1);
  });
});

describe('/zapi-cancel', () => {
  it('sends nothing until Confirm, and nothing at all on Abort', async () => {
    const { instance } = await create('to cancel', freshMember());
    const member = freshMember();
    const cancels = () => e2e.sandbox.count('cancel');
    const before = cancels();

    const first = e2e.fake.command('zapi-cancel', { id: instance.id }, { member });
    const prompt = await e2e.fake.reply(first);
    expect(prompt.embeds[0]?.title).toBe('Cancel this subscription?');
    const abort = e2e.fake.press(prompt, 'zapi:dismiss', { member });
    expect((await e2e.fake.reply(abort)).content).toBe('Aborted: nothing was sent to Z-API.');
    expect(cancels()).toBe(before);

    const second = e2e.fake.command('zapi-cancel', { id: instance.id }, { member });
    const again = await e2e.fake.reply(second);
    const confirm = e2e.fake.press(again, `zapi:cancel-confirm:${instance.id}`, { member });
    const done = await e2e.fake.reply(confirm);
    expect(done.embeds[0]?.title).toBe('Subscription cancelled');
    expect(done.components).toEqual([]);
    expect(cancels()).toBe(before + 1);
    await e2e.bot.waitForLog(
      new RegExp(`"command":"zapi-cancel".*"outcome":"cancelled".*"instanceId":"${instance.id}"`),
    );
  });

  it('keeps the Confirm button and explains privately when Z-API fails', async () => {
    const { instance } = await create('cancel fails', freshMember());
    const member = freshMember();
    const prompt = await e2e.fake.reply(
      e2e.fake.command('zapi-cancel', { id: instance.id }, { member }),
    );
    e2e.sandbox.faults.inject({ route: 'cancel', fault: { kind: 'status', status: 503 } });
    const confirm = e2e.fake.press(prompt, `zapi:cancel-confirm:${instance.id}`, { member });
    const explained = await e2e.fake.followUp(confirm, 15_000);
    expect(explained.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(explained.content).toMatch(/ZAPI_UPSTREAM_ERROR/);
    expect(confirm.edits).toHaveLength(0);
  });
});

describe('/zapi-status and the QR code', () => {
  it('shows a disconnected instance with a QR code button that sends an image only to the member', async () => {
    const { instance } = await create('needs phone', freshMember());
    const member = freshMember();
    const status = await e2e.fake.reply(
      e2e.fake.command('zapi-status', { id: instance.id }, { member }),
    );
    expect(status.embeds[0]?.title).toBe('Not connected');
    const qr = e2e.fake.press(status, `zapi:qr:${instance.id}`, { member });
    const image = await e2e.fake.reply(qr);
    expect(image.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(image.embeds[0]?.image?.url).toBe('attachment://qr-code.png');
    const png = image.files['qr-code.png'];
    expect(png?.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );

    e2e.sandbox.connectInstance(instance.id);
    const connected = await e2e.fake.reply(
      e2e.fake.command('zapi-status', { id: instance.id }, { member }),
    );
    expect(connected.embeds[0]?.title).toBe('Connected');
    expect(connected.components).toEqual([]);
  });

  it('offers the QR code from the create reply', async () => {
    const { reply, instance } = await create('qr from create', freshMember());
    const qr = e2e.fake.press(reply, `zapi:qr:${instance.id}`, { member: freshMember() });
    expect((await e2e.fake.reply(qr)).embeds[0]?.title).toBe('Scan to connect');
  });
});
