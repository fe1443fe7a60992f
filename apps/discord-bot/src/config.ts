import {
  commaSeparated,
  EnvironmentError as ConfigError,
  RedisEnvironment,
  ZapiEnvironment,
  readEnvironment,
  upstreamFromEnvironment,
  type ZapiUpstream,
} from '@zapikit/app-environment';
import { DEFAULT_SANDBOX_PARTNER_TOKEN } from '@zapikit/sandbox';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SNOWFLAKE = /^\d{17,20}$/;

const snowflake = z
  .string()
  .trim()
  .regex(SNOWFLAKE, { error: 'must be a Discord id (17–20 digits)' });
const snowflakeList = commaSeparated((id) => SNOWFLAKE.test(id), 'a Discord id (17–20 digits)');

const Environment = ZapiEnvironment.extend({
  ...RedisEnvironment.shape,
  DISCORD_TOKEN: z
    .string({ error: 'required: the bot token from the Discord developer portal' })
    .trim()
    .min(1, { error: 'required: the bot token from the Discord developer portal' }),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  DISCORD_ALLOWED_ROLE_IDS: snowflakeList,
  DISCORD_ALLOWED_GUILD_IDS: snowflakeList,
  DISCORD_PAID_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
  DISCORD_DRAIN_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  // The reply's token lives 15 minutes: a wait must end before it does.
  DISCORD_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(840).default(300),
  DISCORD_CONNECT_POLL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  DISCORD_EVENTS_CHANNEL_ID: snowflake.optional(),
  DISCORD_EVENTS_POLL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
  DISCORD_FLAP_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  ZAPI_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZAPI_SANDBOX_PARTNER_TOKEN: z.string().trim().min(1).default(DEFAULT_SANDBOX_PARTNER_TOKEN),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BOT_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  BOT_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

/** The bot's configuration, read once at start-up. */
export interface BotConfig {
  /** Where calls go: Z-API (live) or a sandbox. */
  upstream: ZapiUpstream;
  /** A sandbox that already runs elsewhere (the sharded launcher's); embedded when absent. */
  sandbox?: { url: string; partnerToken: string };
  timeoutMs: number;
  discordToken: string;
  /** REST base, such as `https://discord.com/api`; the gateway URL comes from its `/gateway/bot`. */
  discordApiUrl: string;
  /** Where `discord:deploy` registers the commands; global when absent. */
  guildId?: string;
  /** Empty means any guild (allowed only on the sandbox). */
  allowedGuildIds: string[];
  /** Empty means any member whom Discord lets use the command. */
  allowedRoleIds: string[];
  paidCooldownMs: number;
  /**
   * Shared state (REDIS_URL): the guards live in Redis, shared by every shard and process;
   * in this process's memory when absent.
   */
  redisUrl?: string;
  /** How long a stop waits for interactions in flight before answering them as they stand. */
  drainMs: number;
  /** How long `/zapi-connect` follows an instance, and how often it asks Z-API meanwhile. */
  connect: { timeoutMs: number; pollMs: number };
  /** Where connects and disconnects are posted; absent: nowhere. */
  events?: { channelId: string; pollMs: number; flapMs: number };
  logLevel: (typeof LOG_LEVELS)[number];
  /** Where `GET /metrics` listens; absent: no metrics server. Loopback unless BOT_METRICS_HOST says otherwise. */
  metrics?: { port: number; host: string };
}

/** A start-up failure that names the environment variable at fault. */
export { ConfigError };

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const e = readEnvironment(Environment, env);
  const upstream = upstreamFromEnvironment(e);
  // Anyone may add a bot to a server they own, where they hold Manage Server: on the live API,
  // that would let strangers spend the partner's money, so live mode names its servers.
  const allowedGuildIds =
    e.DISCORD_ALLOWED_GUILD_IDS.length > 0
      ? e.DISCORD_ALLOWED_GUILD_IDS
      : e.DISCORD_GUILD_ID
        ? [e.DISCORD_GUILD_ID]
        : [];
  if (upstream.mode === 'live' && allowedGuildIds.length === 0) {
    throw new ConfigError(
      "DISCORD_ALLOWED_GUILD_IDS: required when ZAPI_PARTNER_TOKEN is set (or set DISCORD_GUILD_ID), since anyone can add the bot to their own server and every create spends the partner's money",
    );
  }
  if (upstream.mode === 'live' && e.ZAPI_SANDBOX_URL !== undefined) {
    throw new ConfigError(
      'ZAPI_SANDBOX_URL: set together with ZAPI_PARTNER_TOKEN; choose the sandbox or Z-API',
    );
  }
  return {
    upstream,
    ...(e.ZAPI_SANDBOX_URL === undefined
      ? {}
      : { sandbox: { url: e.ZAPI_SANDBOX_URL, partnerToken: e.ZAPI_SANDBOX_PARTNER_TOKEN } }),
    timeoutMs: e.ZAPI_TIMEOUT_MS,
    discordToken: e.DISCORD_TOKEN,
    discordApiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
    ...(e.DISCORD_GUILD_ID === undefined ? {} : { guildId: e.DISCORD_GUILD_ID }),
    allowedGuildIds,
    allowedRoleIds: e.DISCORD_ALLOWED_ROLE_IDS,
    paidCooldownMs: e.DISCORD_PAID_COOLDOWN_SECONDS * 1_000,
    ...(e.REDIS_URL === undefined ? {} : { redisUrl: e.REDIS_URL }),
    drainMs: e.DISCORD_DRAIN_SECONDS * 1_000,
    connect: {
      timeoutMs: e.DISCORD_CONNECT_TIMEOUT_SECONDS * 1_000,
      pollMs: e.DISCORD_CONNECT_POLL_SECONDS * 1_000,
    },
    ...(e.DISCORD_EVENTS_CHANNEL_ID === undefined
      ? {}
      : {
          events: {
            channelId: e.DISCORD_EVENTS_CHANNEL_ID,
            pollMs: e.DISCORD_EVENTS_POLL_SECONDS * 1_000,
            flapMs: e.DISCORD_FLAP_SECONDS * 1_000,
          },
        }),
    logLevel: e.LOG_LEVEL,
    ...(e.BOT_METRICS_PORT === undefined
      ? {}
      : { metrics: { port: e.BOT_METRICS_PORT, host: e.BOT_METRICS_HOST } }),
  };
}

const DeployEnvironment = Environment.pick({
  DISCORD_TOKEN: true,
  DISCORD_API_URL: true,
  DISCORD_GUILD_ID: true,
});

/** What `discord:deploy` needs: the bot token, where Discord is, and the guild if any. */
export function loadDeployConfig(
  env: NodeJS.ProcessEnv = process.env,
): Pick<BotConfig, 'discordToken' | 'discordApiUrl' | 'guildId'> {
  const e = readEnvironment(DeployEnvironment, env);
  return {
    discordToken: e.DISCORD_TOKEN,
    discordApiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
    ...(e.DISCORD_GUILD_ID === undefined ? {} : { guildId: e.DISCORD_GUILD_ID }),
  };
}

/**
 * Points the shards a ShardingManager spawns at one shared sandbox: they inherit the process
 * environment, and instances created through one shard must be visible to every other.
 */
export function shareSandboxWithShards(sandbox: { url: string; partnerToken: string }): void {
  process.env.ZAPI_SANDBOX_URL = sandbox.url;
  process.env.ZAPI_SANDBOX_PARTNER_TOKEN = sandbox.partnerToken;
}

/** Loads a configuration for an entry point, or prints what is wrong and exits 1. */
export function configOrExit<T>(program: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${program}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
