import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Sandbox, SandboxOptions } from '@zapikit/sandbox';
import { CANARY_SECRETS, startCanarySandbox } from '@zapikit/sandbox/testing';
import { FakeDiscord, type FakeGuild, type FakeMember } from './fake-discord/fake-discord.js';
import { snowflake } from './fake-discord/snowflake.js';

/** Secrets no message, follow-up or log line may ever show. */
export const SECRETS = {
  discordToken: 'CANARY-discord.bot-token-5c9e1a7f3b',
  ...CANARY_SECRETS,
};

const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The guilds and members every end-to-end test uses. */
export function world() {
  const allowedRole = snowflake();
  const guild: FakeGuild = {
    id: snowflake(),
    name: 'Partner team',
    channelId: snowflake(),
    roleIds: [allowedRole, snowflake()],
  };
  const otherGuild: FakeGuild = {
    id: snowflake(),
    name: 'Someone else',
    channelId: snowflake(),
    roleIds: [],
  };
  const member: FakeMember = { id: snowflake(), username: 'ana', roles: [allowedRole] };
  const colleague: FakeMember = { id: snowflake(), username: 'bruno', roles: [allowedRole] };
  const outsider: FakeMember = { id: snowflake(), username: 'carla', roles: [] };
  return { allowedRole, guild, otherGuild, member, colleague, outsider };
}

/** A running bot process and its log lines (pino JSON on stdout). */
export interface BotProcess {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  /** Resolves with the first log line that matches. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** The exit code, once the process ends by itself. */
  exited(): Promise<number | null>;
}

/**
 * Starts the bot as its own process, with `env` on top of a bare one: from source by default,
 * or a built file (`dist/main.js`) under plain Node, exactly as `pnpm bot` runs it.
 */
export function startBotProcess(env: Record<string, string>, entry = 'src/main.ts'): BotProcess {
  const child = spawn(
    process.execPath,
    entry.endsWith('.ts') ? ['--conditions=@zapikit/source', '--import', 'tsx', entry] : [entry],
    {
      cwd: APP_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      rest += chunk.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      into.push(...parts.filter((line) => line !== ''));
      for (const wake of [...waiters]) wake();
    };
  };
  child.stdout.on('data', collect(lines));
  child.stderr.on('data', collect(stderr));
  const exited = once(child, 'exit');
  const bot: BotProcess = {
    child,
    lines,
    stderr,
    waitForLog(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No log line matched ${pattern} in ${timeoutMs} ms.\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('\n')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          const line = [...lines, ...stderr].find((candidate) => pattern.test(candidate));
          if (line === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(line);
        };
        waiters.add(check);
        child.once('exit', () => {
          setTimeout(() => {
            if (!waiters.has(check)) return;
            waiters.delete(check);
            clearTimeout(timer);
            reject(
              new Error(
                `The bot exited before logging ${pattern}.\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('\n')}`,
              ),
            );
          }, 50);
        });
        check();
      });
    },
    async exited() {
      const [code] = (await exited) as [number | null];
      return code;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
  return bot;
}

/** The environment of a bot in live mode against `sandbox`, on `fake`, allowing `people`. */
export function botEnvironment(
  fake: FakeDiscord,
  sandbox: Sandbox,
  people: ReturnType<typeof world>,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    DISCORD_TOKEN: SECRETS.discordToken,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_ALLOWED_GUILD_IDS: people.guild.id,
    DISCORD_ALLOWED_ROLE_IDS: people.allowedRole,
    ZAPI_PARTNER_TOKEN: SECRETS.partnerToken,
    ZAPI_CLIENT_TOKEN: SECRETS.clientToken,
    ZAPI_BASE_URL: sandbox.url,
    ZAPI_TIMEOUT_MS: '3000',
    DISCORD_PAID_COOLDOWN_SECONDS: '0',
    ...env,
  };
}

/** A fake Discord, a sandbox playing Z-API, and the bot between them, wired like production. */
export interface EndToEnd {
  fake: FakeDiscord;
  sandbox: Sandbox;
  bot: BotProcess;
  people: ReturnType<typeof world>;
  close(): Promise<void>;
}

/** Starts everything; the bot runs in live mode against the sandbox so faults can be injected. */
export async function startEndToEnd(
  options: {
    env?: Record<string, string>;
    sandbox?: SandboxOptions;
    shards?: number;
    /** Runs on the sandbox before the bot starts (instances the bot finds at start-up). */
    beforeBot?: (sandbox: Sandbox) => void;
    /** The guilds and members to use, when a test needs to know or shape them first. */
    people?: ReturnType<typeof world>;
  } = {},
): Promise<EndToEnd> {
  const people = options.people ?? world();
  const fake = await FakeDiscord.start({
    token: SECRETS.discordToken,
    guilds: [people.guild, people.otherGuild],
    ...(options.shards ? { shards: options.shards } : {}),
  });
  const sandbox = await startCanarySandbox(options.sandbox);
  options.beforeBot?.(sandbox);
  const bot = startBotProcess(botEnvironment(fake, sandbox, people, options.env));
  try {
    await bot.waitForLog(/Discord bot ready/);
  } catch (error) {
    await bot.stop();
    await fake.close();
    await sandbox.close();
    throw error;
  }
  return {
    fake,
    sandbox,
    bot,
    people,
    async close() {
      await bot.stop();
      await fake.close();
      await sandbox.close();
    },
  };
}

/** Every text the bot sent to Discord and logged, for secret scanning. */
export function everythingSaid(e2e: EndToEnd): string {
  const rest = e2e.fake.calls
    .filter((call) => !call.path.includes('/callback') || true)
    .map((call) => call.raw);
  return [...rest, ...e2e.bot.lines, ...e2e.bot.stderr].join('\n');
}
