// End to end: /zapi-connect follows the sandbox's rotating QR code and its simulated phone;
// /zapi-restart and /zapi-disconnect ask first. Real bot process, real discord.js, fake Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage, FakeMember, SentInteraction } from '../fake-discord/fake-discord.js';
import { snowflake } from '../fake-discord/snowflake.js';
import { everythingSaid, SECRETS, startEndToEnd, type EndToEnd } from '../harness.js';

// Short on purpose: the sandbox rotates its QR code every 400 ms, the bot asks every second and
// gives up after 6 seconds.
const TIMEOUT_SECONDS = 6;
const ENV = {
  DISCORD_CONNECT_POLL_SECONDS: '1',
  DISCORD_CONNECT_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
};

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd({ env: ENV, sandbox: { qrRotationMs: 400 } });
}, 40_000);
afterAll(async () => {
  const said = everythingSaid(e2e);
  await e2e.close();
  for (const instance of e2e.sandbox.instances.all()) expect(said).not.toContain(instance.token);
  expect(said).not.toContain(SECRETS.partnerToken);
});

function freshMember(): FakeMember {
  return { id: snowflake(), username: 'ana', roles: [e2e.people.allowedRole] };
}

/** The first version of the reply that matches, waiting for the bot's edits. */
function edited(
  sent: SentInteraction,
  matches: (message: FakeMessage) => boolean,
  timeoutMs = 10_000,
): Promise<FakeMessage> {
  return e2e.fake.waitFor(() => sent.edits.find(matches), timeoutMs, 'an edit of the reply');
}

const titled = (title: string) => (message: FakeMessage) => message.embeds[0]?.title === title;

describe('/zapi-connect', () => {
  it('edits the reply with each new QR code, then shows Connected with the phone', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'shop front' });
    const sent = e2e.fake.command('zapi-connect', { id: instance.id }, { member: freshMember() });
    const first = await e2e.fake.reply(sent);
    expect(first.flags & 64).toBe(64);
    expect(first.embeds[0]?.title).toBe('Scan to connect');
    expect(first.embeds[0]?.image?.url).toBe('attachment://qr-code.png');
    const firstQr = first.files['qr-code.png'];
    expect(firstQr?.subarray(1, 4).toString()).toBe('PNG');

    const rotated = await edited(
      sent,
      (message) =>
        message.embeds[0]?.title === 'Scan to connect' &&
        message.files['qr-code.png'] !== undefined &&
        !message.files['qr-code.png'].equals(firstQr ?? Buffer.alloc(0)),
    );
    expect(rotated.attachments.map((attachment) => attachment.filename)).toEqual(['qr-code.png']);

    e2e.sandbox.connectInstance(instance.id, '5511987654321');
    const connected = await edited(sent, titled('Connected'));
    expect(connected.embeds[0]?.description).toBe(
      `+5511987654321 is connected to **shop front** (\`${instance.id}\`).`,
    );
    expect(connected.embeds[0]?.image).toBeUndefined();
    expect(connected.attachments).toEqual([]);
    // Nothing more is asked of Z-API once connected.
    const edits = sent.edits.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent.edits).toHaveLength(edits);
  });

  it('speaks Portuguese to a pt-BR member, in the first reply and in its edits', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'loja centro' });
    const member = { ...freshMember(), locale: 'pt-BR' };
    const sent = e2e.fake.command('zapi-connect', { id: instance.id }, { member });
    const first = await e2e.fake.reply(sent);
    expect(first.embeds[0]?.title).toBe('Escaneie para conectar');
    expect(first.embeds[0]?.description).toMatch(
      /^No WhatsApp do celular: \*\*Aparelhos conectados → Conectar um aparelho\*\*, e escaneie este código de \*\*loja centro\*\*/,
    );
    expect(first.embeds[0]?.image?.url).toBe('attachment://qr-code.png');

    e2e.sandbox.connectInstance(instance.id, '5511987654321');
    const connected = await edited(sent, titled('Conectado'));
    expect(connected.embeds[0]?.description).toBe(
      `+5511987654321 está conectado a **loja centro** (\`${instance.id}\`).`,
    );
    // Every edit was in Portuguese: none of the English titles appeared.
    expect(sent.edits.map((message) => message.embeds[0]?.title)).not.toContain('Scan to connect');

    const restart = await e2e.fake.reply(
      e2e.fake.command('zapi-restart', { id: instance.id }, { member }),
    );
    expect(restart.embeds[0]?.title).toBe('Reiniciar esta instância?');
    expect(restart.components[0]?.components.map((button) => button.label)).toEqual([
      'Confirmar',
      'Desistir',
    ]);
  });

  it('shows a pairing code for a phone, then Connected', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'pairing' });
    const sent = e2e.fake.command(
      'zapi-connect',
      { id: instance.id, phone: '+55 (11) 98765-4321' },
      { member: freshMember() },
    );
    const reply = await e2e.fake.reply(sent);
    expect(reply.embeds[0]?.title).toBe('Type this code on the phone');
    expect(reply.embeds[0]?.description).toMatch(/^# `[A-Z0-9-]+`\n/);
    expect(reply.embeds[0]?.description).toContain('+5511987654321');
    expect(reply.attachments).toEqual([]);
    expect(e2e.sandbox.requests.at(-1)?.path).toContain('/phone-code/5511987654321');

    e2e.sandbox.connectInstance(instance.id, '5511987654321');
    const connected = await edited(sent, titled('Connected'));
    expect(connected.embeds[0]?.description).toContain('+5511987654321 is connected');
  });

  it('refuses a phone that is not one, naming the option, before asking Z-API anything', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'bad phone' });
    const before = e2e.sandbox.requests.length;
    const sent = e2e.fake.command(
      'zapi-connect',
      { id: instance.id, phone: '12ab' },
      { member: freshMember() },
    );
    expect((await e2e.fake.reply(sent)).content).toBe(
      'Nothing was sent to Z-API. Please fix:\n• `phone`: must be a phone number in international form, digits only (5511999999999)',
    );
    expect(e2e.sandbox.requests.slice(before).map((request) => request.route)).toEqual([]);
  });

  it('says at once when a phone is already connected, and follows nothing', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'already' });
    e2e.sandbox.connectInstance(instance.id, '5521912345678');
    const sent = e2e.fake.command('zapi-connect', { id: instance.id }, { member: freshMember() });
    const reply = await e2e.fake.reply(sent);
    expect(reply.embeds[0]?.title).toBe('Already connected');
    expect(reply.embeds[0]?.description).toMatch(/^\+5521912345678 is already connected/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent.edits).toHaveLength(1);
  });

  it('stops waiting when time runs out, and says so', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'never scanned' });
    const sent = e2e.fake.command('zapi-connect', { id: instance.id }, { member: freshMember() });
    const started = Date.now();
    await e2e.fake.reply(sent);
    const stopped = await edited(sent, titled('Stopped waiting'), (TIMEOUT_SECONDS + 5) * 1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual((TIMEOUT_SECONDS - 1) * 1_000);
    expect(stopped.embeds[0]?.description).toBe(
      `No phone connected to **never scanned** (\`${instance.id}\`) within ${TIMEOUT_SECONDS} seconds. Run \`/zapi-connect\` again for a fresh code.`,
    );
    expect(stopped.attachments).toEqual([]);
    const edits = sent.edits.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent.edits).toHaveLength(edits);
  }, 20_000);
});

describe('/zapi-restart and /zapi-disconnect', () => {
  it.each([
    ['zapi-restart', 'restart', 'Restart this instance?', 'Instance restarted', true],
    ['zapi-disconnect', 'disconnect', 'Disconnect the phone?', 'Phone disconnected', false],
  ] as const)(
    '/%s asks first: Abort sends nothing, Confirm sends it once and records it',
    async (command, route, question, done, stillConnected) => {
      const member = freshMember();
      const instance = e2e.sandbox.instances.create({ name: `${route} me` });
      e2e.sandbox.connectInstance(instance.id);
      const sends = () => e2e.sandbox.count(route);
      const before = sends();

      const first = e2e.fake.command(command, { id: instance.id }, { member });
      const prompt = await e2e.fake.reply(first);
      expect(prompt.embeds[0]?.title).toBe(question);
      expect(prompt.components[0]?.components.map((button) => button.label)).toEqual([
        'Confirm',
        'Abort',
      ]);
      const abort = e2e.fake.press(prompt, 'zapi:dismiss', { member });
      expect((await e2e.fake.reply(abort)).content).toBe('Aborted: nothing was sent to Z-API.');
      expect(sends()).toBe(before);

      const second = e2e.fake.command(command, { id: instance.id }, { member });
      const again = await e2e.fake.reply(second);
      const confirm = e2e.fake.press(again, `zapi:${route}-confirm:${instance.id}`, { member });
      const result = await e2e.fake.reply(confirm);
      expect(result.embeds[0]?.title).toBe(done);
      expect(result.components).toEqual([]);
      expect(sends()).toBe(before + 1);
      expect(e2e.sandbox.instances.get(instance.id)?.whatsappConnected).toBe(stillConnected);
      const audit = await e2e.bot.waitForLog(
        new RegExp(`"command":"${command}".*"instanceId":"${instance.id}"`),
      );
      expect(JSON.parse(audit)).toMatchObject({
        audit: true,
        memberId: member.id,
        outcome: route === 'restart' ? 'restarted' : 'disconnected',
      });
    },
  );
});

describe('/zapi-connect while the bot stops', () => {
  it('ends the wait at once and says so, even with a poll waiting on Z-API', async () => {
    const own = await startEndToEnd({
      env: {
        ...ENV,
        DISCORD_CONNECT_TIMEOUT_SECONDS: '600',
        DISCORD_DRAIN_SECONDS: '30',
        ZAPI_TIMEOUT_MS: '25000',
      },
    });
    try {
      const instance = own.sandbox.instances.create({ name: 'during a restart' });
      const sent = own.fake.command(
        'zapi-connect',
        { id: instance.id },
        { member: { id: snowflake(), username: 'ana', roles: [own.people.allowedRole] } },
      );
      expect((await own.fake.reply(sent)).embeds[0]?.title).toBe('Scan to connect');
      // The next poll hangs for 20 s; the stop must not wait for it.
      own.sandbox.faults.inject({ route: 'qr-code-image', fault: { kind: 'latency', ms: 20_000 } });
      const polls = own.sandbox.count('qr-code-image');
      await expect.poll(() => own.sandbox.count('qr-code-image')).toBe(polls + 1);
      const started = Date.now();
      expect(await own.bot.stop()).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      const last = sent.edits.at(-1);
      expect(last?.embeds[0]?.title).toBe('Stopped waiting');
      expect(last?.embeds[0]?.description).toMatch(/^The bot is restarting/);
    } finally {
      await own.close();
    }
  }, 40_000);
});
