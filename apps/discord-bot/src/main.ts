// `pnpm bot`: the Discord bot, configured from the environment, on Z-API or a sandbox.
import { createZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { connectRedis, redactRedisUrl } from '@zapikit/shared-state';
import closeWithGrace from 'close-with-grace';
import { ANSWER_MS, createBot } from './bot.js';
import { configOrExit, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import type { GuardStore } from './state/guard-store.js';
import { MemoryGuardStore } from './state/memory-store.js';
import { RedisGuardStore } from './state/redis-store.js';
import { createBotMetrics, serveMetrics } from './metrics.js';

const config = configOrExit('zapi-discord-bot', () => loadConfig());

const logger = createLogger(config.logLevel);
let embedded: Sandbox | undefined;
let target: { baseUrl: string; partnerToken: string; clientToken?: string };
if (config.upstream.mode === 'live') {
  target = config.upstream;
  logger.info({ sandbox: false, baseUrl: target.baseUrl }, 'LIVE MODE: calls go to Z-API');
} else {
  if (config.sandbox) {
    target = { baseUrl: config.sandbox.url, partnerToken: config.sandbox.partnerToken };
  } else {
    embedded = await startSandbox();
    target = { baseUrl: embedded.url, partnerToken: embedded.partnerToken };
  }
  logger.warn(
    { sandbox: true, sandboxUrl: target.baseUrl },
    'SANDBOX MODE: no ZAPI_PARTNER_TOKEN is set, so every call goes to a local Z-API simulator and nothing reaches Z-API. Every reply is labelled SANDBOX.',
  );
}
if (config.allowedGuildIds.length === 0) {
  logger.warn(
    'No DISCORD_ALLOWED_GUILD_IDS: any server the bot is added to can use it. This is allowed only on the sandbox.',
  );
}

let store: GuardStore;
if (config.redisUrl === undefined) {
  store = new MemoryGuardStore();
  logger.info(
    { guards: 'memory' },
    'guards in this process only (no REDIS_URL): run one bot process, or set REDIS_URL',
  );
} else {
  const where = redactRedisUrl(config.redisUrl);
  let reachable: boolean | undefined;
  const redis = connectRedis(config.redisUrl, {
    connectionName: 'zapikit-discord-bot',
    onError: (error) => {
      // ioredis retries every second while Redis is down: say so once, not every time.
      if (reachable === false) return;
      reachable = false;
      logger.warn(
        { err: error, redis: where },
        'Redis unreachable: paid commands are refused until it is back; read commands go on',
      );
    },
  });
  redis.on('ready', () => {
    if (reachable !== true) logger.info({ redis: where }, 'Redis reachable: guards are shared');
    reachable = true;
  });
  store = new RedisGuardStore(redis);
}

const metrics = createBotMetrics();
const zapi = createZapiClient({
  ...target,
  timeoutMs: config.timeoutMs,
  logger: logger.child({ component: 'zapi' }),
  onCall: metrics.onZapiCall,
});
// Prometheus text at GET /metrics, only when BOT_METRICS_PORT is set; loopback by default.
const metricsServer = config.metrics
  ? await serveMetrics(metrics, config.metrics.port, config.metrics.host)
  : undefined;
if (metricsServer) logger.info({ url: metricsServer.url }, `metrics on ${metricsServer.url}`);
const bot = createBot({
  discordToken: config.discordToken,
  discordApiUrl: config.discordApiUrl,
  zapi,
  sandbox: config.upstream.mode === 'sandbox',
  logger,
  access: { allowedGuildIds: config.allowedGuildIds, allowedRoleIds: config.allowedRoleIds },
  paidCooldownMs: config.paidCooldownMs,
  store,
  // A create in flight may take its timeout and then a lookup of about twice that: a claim older
  // than this belongs to a process that died mid-call, and is then held as an unknown outcome.
  claimLeaseMs: config.timeoutMs * 3 + 5_000,
  metrics,
  connect: config.connect,
  ...(config.events ? { events: config.events } : {}),
});

// Closing the Z-API client waits for calls still running; past this the process exits anyway
// (each member was already answered, a call cut off as outcome unknown).
const CLOSE_MS = 2_000;
// On SIGTERM, SIGINT or an uncaught error: answer everything in flight, then exit (1 after an
// error), within the drain + ANSWER_MS + CLOSE_MS, plus 3 s of slack for a Discord that hangs.
closeWithGrace(
  {
    delay: config.drainMs + ANSWER_MS + CLOSE_MS + 3_000,
    logger,
    onTimeout: (delay) => {
      logger.error({ delay }, 'stopping took too long: exiting anyway');
    },
  },
  async ({ signal, err }) => {
    if (err) logger.fatal({ err }, 'stopping after an uncaught error');
    logger.info({ signal }, 'stopping: finishing interactions in flight');
    await bot.stop(config.drainMs);
    // After the holds are written: a paid call cut off at the drain deadline holds its name.
    await store.close();
    await Promise.race([
      Promise.all([zapi.close(), embedded?.close()]),
      new Promise((resolve) => setTimeout(resolve, CLOSE_MS).unref()),
    ]);
    metricsServer?.server.close();
    logger.info('stopped');
  },
);

try {
  await bot.start();
} catch (error) {
  logger.fatal({ err: error }, 'could not log in to Discord');
  await store.close();
  metricsServer?.server.close();
  await zapi.close();
  await embedded?.close();
  process.exit(1);
}
