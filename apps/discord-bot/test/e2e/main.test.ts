// The bot as `pnpm bot`, `pnpm bot:sharded`, `discord:commands` and `discord:deploy` run it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fake-discord/fake-discord.js';
import { shardOf, snowflake } from '../fake-discord/snowflake.js';
import {
  SECRETS,
  startBotProcess,
  startEndToEnd,
  world,
  type BotProcess,
  type EndToEnd,
} from '../harness.js';
import { commandsJson } from '../../src/commands/index.js';

const run = promisify(execFile);
const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeDiscord(
  options: { shards?: number; guilds?: ReturnType<typeof world>['guild'][] } = {},
) {
  const people = world();
  const fake = await FakeDiscord.start({
    token: SECRETS.discordToken,
    guilds: options.guilds ?? [people.guild],
    ...(options.shards ? { shards: options.shards } : {}),
  });
  cleanups.push(() => fake.close());
  return { fake, people };
}

function track(bot: BotProcess): BotProcess {
  cleanups.push(() => bot.stop());
  return bot;
}

describe('pnpm bot', () => {
  it('runs on the embedded sandbox without a partner token, labels every reply, and counts it at BOT_METRICS_PORT', async () => {
    const { fake, people } = await fakeDiscord();
    const bot = track(
      startBotProcess({
        DISCORD_TOKEN: SECRETS.discordToken,
        DISCORD_API_URL: fake.apiUrl,
        BOT_METRICS_PORT: '0',
      }),
    );
    const metricsUrl = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(
      await bot.waitForLog(/metrics on http/),
    )?.[1];
    const warning = await bot.waitForLog(/SANDBOX MODE/);
    expect(JSON.parse(warning)).toMatchObject({ level: 40, sandbox: true });
    await bot.waitForLog(/No DISCORD_ALLOWED_GUILD_IDS/);
    await bot.waitForLog(/Discord bot ready as zapi-bot \(SANDBOX\)/);

    const sent = fake.command('zapi-create', { name: 'sandboxed' }, { member: people.member });
    const reply = await fake.reply(sent);
    expect(reply.embeds[0]?.title).toBe('[SANDBOX] Instance created');
    expect(reply.embeds[0]?.footer?.text).toMatch(/SANDBOX: a local Z-API simulator answered/);
    await bot.waitForLog(/"audit":true.*"sandbox":true.*"outcome":"created"/);

    const text = await (await fetch(metricsUrl ?? 'http://metrics.url.missing')).text();
    expect(text).toContain(
      'zapikit_bot_interactions_total{kind="command",command="zapi-create",outcome="ok"} 1',
    );
    expect(text).toContain('zapikit_bot_creates_total{outcome="created"} 1');
    expect(text).toContain(
      'zapikit_bot_zapi_calls_total{endpoint="createInstance",status="200"} 1',
    );
    expect(text).toMatch(/zapikit_bot_ack_duration_seconds_count\{kind="command"\} 1/);
    expect(text).toContain('zapikit_bot_process_cpu_seconds_total');
    for (const secret of [SECRETS.discordToken, 'sandboxed', people.member.id, people.guild.id])
      expect(text).not.toContain(secret);
  });

  it('finishes a create in flight on SIGTERM and reports it, even to a slow Discord, then exits 0', async () => {
    const e2e: EndToEnd = await startEndToEnd();
    cleanups.push(() => e2e.close());
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 1_000 } });
    // Closing the Z-API client waits for the create; only the drain waits for the reply too.
    e2e.fake.webhookLatencyMs = 1_500;
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'during shutdown' },
      { member: e2e.people.member },
    );
    await e2e.fake.ack(sent);
    const exit = e2e.bot.stop();
    const reply = await e2e.fake.reply(sent, 10_000);
    expect(reply.embeds[0]?.title).toBe('Instance created');
    expect(await exit).toBe(0);
    await e2e.bot.waitForLog(/"audit":true.*"outcome":"created"/);
    await e2e.bot.waitForLog(/"msg":"stopped"/);
  });

  it('answers every interaction still waiting at the drain deadline, a create as outcome unknown, and exits within the bound', async () => {
    const e2e: EndToEnd = await startEndToEnd({
      env: { DISCORD_DRAIN_SECONDS: '1', ZAPI_TIMEOUT_MS: '10000' },
    });
    cleanups.push(() => e2e.close());
    const { member } = e2e.people;
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 6_000 } });
    const create = e2e.fake.command('zapi-create', { name: 'slow at stop' }, { member });
    await expect.poll(() => e2e.sandbox.count('create'), { timeout: 10_000 }).toBe(1);
    e2e.sandbox.faults.inject({ route: 'list', fault: { kind: 'latency', ms: 6_000 } });
    const list = e2e.fake.command('zapi-list', {}, { member });
    await e2e.fake.ack(list);
    const stopped = Date.now();
    const exit = e2e.bot.stop();
    expect((await e2e.fake.reply(create, 10_000)).content).toMatch(
      /restarting and Z-API had not answered yet, so \*\*slow at stop\*\* may or may not have been created/,
    );
    expect((await e2e.fake.reply(list, 10_000)).content).toMatch(
      /restarting and this did not finish in time/,
    );
    expect(await exit).toBe(0);
    // 1 s of drain, then at most 5 s to answer and 2 s to close.
    expect(Date.now() - stopped).toBeLessThan(12_000);
    await e2e.bot.waitForLog(/answered as outcome unknown, name held/);
  }, 40_000);

  it('refuses to start with a bad variable, naming it', async () => {
    const bot = track(
      startBotProcess({ DISCORD_TOKEN: SECRETS.discordToken, DISCORD_API_URL: 'discord please' }),
    );
    expect(await bot.exited()).toBe(1);
    const said = bot.stderr.join('\n');
    expect(said).toMatch(/DISCORD_API_URL/);
    expect(said).not.toContain(SECRETS.discordToken);
  });

  it('refuses live mode without an allowed server', async () => {
    const bot = track(
      startBotProcess({
        DISCORD_TOKEN: SECRETS.discordToken,
        ZAPI_PARTNER_TOKEN: SECRETS.partnerToken,
      }),
    );
    expect(await bot.exited()).toBe(1);
    expect(bot.stderr.join('\n')).toMatch(
      /DISCORD_ALLOWED_GUILD_IDS: required when ZAPI_PARTNER_TOKEN is set/,
    );
    expect(bot.stderr.join('\n')).not.toContain(SECRETS.partnerToken);
  });

  it('refuses NODE_ENV=production without a partner token unless ZAPI_SANDBOX=true asks for the sandbox', async () => {
    const bot = track(
      startBotProcess({ DISCORD_TOKEN: SECRETS.discordToken, NODE_ENV: 'production' }),
    );
    expect(await bot.exited()).toBe(1);
    expect(bot.stderr.join('\n')).toMatch(
      /ZAPI_PARTNER_TOKEN: required when NODE_ENV=production; set ZAPI_SANDBOX=true/,
    );
    expect(bot.stderr.join('\n')).not.toContain(SECRETS.discordToken);
  });

  it('exits 1 when Discord refuses the token, without printing it', async () => {
    const { fake } = await fakeDiscord();
    const bot = track(
      startBotProcess({ DISCORD_TOKEN: 'CANARY-wrong-token-4e1b', DISCORD_API_URL: fake.apiUrl }),
    );
    await bot.waitForLog(/could not log in to Discord/);
    expect(await bot.exited()).toBe(1);
    expect([...bot.lines, ...bot.stderr].join('\n')).not.toContain('CANARY-wrong-token-4e1b');
  });
});

describe('pnpm bot:sharded', () => {
  it('runs one process per shard under the ShardingManager, sharing one sandbox', async () => {
    const people = world();
    // Two guilds that Discord routes to different shards.
    const second = { ...people.otherGuild, id: people.guild.id };
    do second.id = snowflake();
    while (shardOf(second.id, 2) === shardOf(people.guild.id, 2));
    const { fake } = await fakeDiscord({ shards: 2, guilds: [people.guild, second] });
    const bot = track(
      startBotProcess(
        { DISCORD_TOKEN: SECRETS.discordToken, DISCORD_API_URL: fake.apiUrl },
        'src/sharded.ts',
      ),
    );
    await bot.waitForLog(/every shard is ready/, 40_000);
    expect(fake.identified.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const first = fake.command(
      'zapi-create',
      { name: 'made on one shard' },
      { member: people.member, guild: people.guild },
    );
    expect((await fake.reply(first)).embeds[0]?.title).toBe('[SANDBOX] Instance created');
    // The other shard's process sees the instance the first one created: one sandbox for all.
    const status = fake.command(
      'zapi-status',
      { id: 'made on one shard' },
      { member: people.member, guild: second },
    );
    expect((await fake.reply(status)).embeds[0]?.title).toBe('[SANDBOX] Not connected');

    expect(await bot.stop()).toBe(0);
    // Stopping did not make the manager start its shards again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fake.identified).toHaveLength(2);
    expect(fake.connectedShards).toEqual([]);
  }, 60_000);
});

describe('pnpm discord:commands and discord:deploy', () => {
  it('prints the registration JSON as one array', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@zapikit/source', '--import', 'tsx', 'src/cli/commands.ts'],
      {
        cwd: APP_ROOT,
      },
    );
    const printed = JSON.parse(stdout) as unknown[];
    expect(printed).toEqual(JSON.parse(JSON.stringify(commandsJson())));
    expect(printed.map((command) => (command as { name: string }).name)).toEqual([
      'zapi-create',
      'zapi-list',
      'zapi-subscribe',
      'zapi-cancel',
      'zapi-status',
      'zapi-connect',
      'zapi-restart',
      'zapi-disconnect',
    ]);
    for (const command of printed) {
      expect(command).toMatchObject({
        default_member_permissions: '32',
        contexts: [0],
        description_localizations: { 'pt-BR': expect.any(String) },
      });
    }
  });

  it('overwrites the commands in bulk, in the guild when DISCORD_GUILD_ID is set, else globally', async () => {
    const { fake, people } = await fakeDiscord();
    const deploy = (extra: Record<string, string>) =>
      run(
        process.execPath,
        ['--conditions=@zapikit/source', '--import', 'tsx', 'src/cli/deploy.ts'],
        {
          cwd: APP_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            DISCORD_TOKEN: SECRETS.discordToken,
            DISCORD_API_URL: fake.apiUrl,
            ...extra,
          },
        },
      );
    const guild = await deploy({ DISCORD_GUILD_ID: people.guild.id });
    expect(guild.stdout).toMatch(new RegExp(`Deployed 8 commands to guild ${people.guild.id}`));
    expect(fake.registered.get(people.guild.id)).toHaveLength(8);
    const global = await deploy({});
    expect(global.stdout).toMatch(/Deployed 8 commands globally/);
    expect(fake.registered.get('global')).toHaveLength(8);
    const puts = fake.calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual([
      `/api/v10/applications/${fake.applicationId}/guilds/${people.guild.id}/commands`,
      `/api/v10/applications/${fake.applicationId}/commands`,
    ]);
    expect(guild.stdout + guild.stderr + global.stdout + global.stderr).not.toContain(
      SECRETS.discordToken,
    );
  });
});
