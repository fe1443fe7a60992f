// End to end: DISCORD_EVENTS_CHANNEL_ID. The bot polls the sandbox's instance list and posts
// connects and disconnects of its simulated phones to one channel; a disconnect that recovers
// within DISCORD_FLAP_SECONDS is posted neither way.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fake-discord/fake-discord.js';
import { snowflake } from '../fake-discord/snowflake.js';
import { everythingSaid, SECRETS, startEndToEnd, world, type EndToEnd } from '../harness.js';

const FLAP_SECONDS = 3;
const EVENTS_CHANNEL = snowflake();
let e2e: EndToEnd;
let connectedAtStart: string;

beforeAll(async () => {
  e2e = await startEndToEnd({
    env: {
      DISCORD_EVENTS_CHANNEL_ID: EVENTS_CHANNEL,
      DISCORD_EVENTS_POLL_SECONDS: '1',
      DISCORD_FLAP_SECONDS: String(FLAP_SECONDS),
    },
    beforeBot: (sandbox) => {
      const instance = sandbox.instances.create({ name: 'connected before the bot' });
      sandbox.connectInstance(instance.id, '5511900000001');
      connectedAtStart = instance.id;
    },
  });
  await e2e.bot.waitForLog(/events channel: recorded the connection of every instance/);
}, 40_000);
afterAll(async () => {
  const said = everythingSaid(e2e);
  await e2e.close();
  for (const instance of e2e.sandbox.instances.all()) expect(said).not.toContain(instance.token);
  expect(said).not.toContain(SECRETS.partnerToken);
  expect(said).not.toContain(SECRETS.clientToken);
});

/** The events posted about one instance, in order, as `connected` / `disconnected`. */
function postsAbout(id: string): FakeMessage[] {
  return e2e.fake.channelMessages.filter(
    (message) =>
      message.channel_id === EVENTS_CHANNEL &&
      message.embeds[0]?.fields?.some((field) => field.value.includes(id)),
  );
}
const titles = (id: string) => postsAbout(id).map((message) => message.embeds[0]?.title);

function waitForPost(id: string, title: string, timeoutMs = 10_000): Promise<FakeMessage> {
  return e2e.fake.waitFor(
    () => postsAbout(id).find((message) => message.embeds[0]?.title === title),
    timeoutMs,
    `"${title}" about ${id}`,
  );
}

describe('the events channel', () => {
  it('posts nothing about what it found at start-up', async () => {
    // Two more polls, to be sure.
    await sleep(2_200);
    expect(postsAbout(connectedAtStart)).toEqual([]);
    expect(e2e.fake.channelMessages).toEqual([]);
  });

  it('posts a connect with the phone, then a disconnect once it lasted the flap window', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'front desk' });
    await sleep(1_200);
    e2e.sandbox.connectInstance(instance.id, '5511987654321');
    const connected = await waitForPost(instance.id, 'Phone connected');
    expect(connected.embeds[0]?.fields).toEqual([
      { name: 'Instance', value: `**front desk** (\`${instance.id}\`)` },
      { name: 'Phone', value: '+5511987654321', inline: true },
      { name: 'Since', value: expect.stringMatching(/^<t:\d+:f>$/), inline: true },
    ]);

    const disconnectedAt = Date.now();
    e2e.sandbox.disconnectInstance(instance.id);
    const disconnected = await waitForPost(instance.id, 'Phone disconnected');
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(FLAP_SECONDS * 1_000);
    expect(disconnected.embeds[0]?.description).toBe(
      `Still disconnected after ${FLAP_SECONDS} seconds. Reconnect with \`/zapi-connect\`.`,
    );
    const since = /<t:(\d+):f>/.exec(
      disconnected.embeds[0]?.fields?.find((field) => field.name === 'Since')?.value ?? '',
    );
    // The time shown is when the disconnect was first seen, not when it was posted.
    expect(Number(since?.[1]) * 1_000).toBeLessThan(disconnectedAt + 2_000);
    expect(titles(instance.id)).toEqual(['Phone connected', 'Phone disconnected']);
  }, 20_000);

  it('posts neither the disconnect nor the reconnect of a flap', async () => {
    const instance = e2e.sandbox.instances.create({ name: 'flaky' });
    await sleep(1_200);
    e2e.sandbox.connectInstance(instance.id, '5511912345678');
    await waitForPost(instance.id, 'Phone connected');

    e2e.sandbox.disconnectInstance(instance.id);
    // Long enough for a poll to see it down; back well within the window.
    await sleep(1_500);
    e2e.sandbox.connectInstance(instance.id, '5511912345678');
    await e2e.bot.waitForLog(
      new RegExp(`"instanceId":"${instance.id}".*recovered within the flap window`),
    );
    await sleep((FLAP_SECONDS + 1) * 1_000);
    expect(titles(instance.id)).toEqual(['Phone connected']);
  }, 20_000);
});

describe('the events channel in a Portuguese server', () => {
  it("posts in the server's preferred locale, whatever the members' own", async () => {
    const people = world();
    people.guild.preferredLocale = 'pt-BR';
    const own = await startEndToEnd({
      people,
      env: {
        DISCORD_EVENTS_CHANNEL_ID: people.guild.channelId,
        DISCORD_EVENTS_POLL_SECONDS: '1',
        DISCORD_FLAP_SECONDS: '2',
      },
    });
    try {
      await own.bot.waitForLog(/events channel: recorded the connection of every instance/);
      const instance = own.sandbox.instances.create({ name: 'loja centro' });
      await sleep(1_200);
      own.sandbox.connectInstance(instance.id, '5511987654321');
      const connected = await own.fake.waitFor(
        () =>
          own.fake.channelMessages.find((message) => message.channel_id === people.guild.channelId),
        10_000,
        'a post in the events channel',
      );
      expect(connected.embeds[0]?.title).toBe('Celular conectado');
      expect(connected.embeds[0]?.fields).toEqual([
        { name: 'Instância', value: `**loja centro** (\`${instance.id}\`)` },
        { name: 'Telefone', value: '+5511987654321', inline: true },
        { name: 'Desde', value: expect.stringMatching(/^<t:\d+:f>$/), inline: true },
      ]);

      own.sandbox.disconnectInstance(instance.id);
      const disconnected = await own.fake.waitFor(
        () =>
          own.fake.channelMessages.find(
            (message) => message.embeds[0]?.title === 'Celular desconectado',
          ),
        10_000,
        'a disconnect in the events channel',
      );
      expect(disconnected.embeds[0]?.description).toBe(
        'Ainda desconectado após 2 segundos. Reconecte com `/zapi-connect`.',
      );
      expect(own.bot.lines.join('\n')).not.toMatch(/could not read the server's preferred locale/);
    } finally {
      await own.close();
    }
  }, 40_000);
});
