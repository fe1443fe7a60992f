// `pnpm start`: the gateway, configured from the environment, on Z-API or the embedded sandbox.
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import { createAppMetrics } from '@zapikit/app-metrics';
import { connectRedis, redactRedisUrl } from '@zapikit/shared-state';
import { createZapiClient, type ZapiClient } from '@zapikit/client';
import { DEFAULT_SANDBOX_PARTNER_TOKEN, startSandbox, type Sandbox } from '@zapikit/sandbox';
import { createApp, gatewayListener } from './app.js';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { createLogger } from './logger.js';
import { ANSWER_DEADLINE_MS, BACKSTOP_MS, DRAIN_MS } from './drain.js';
import { EventBus } from './events/event-bus.js';
import { RedisIdempotencyStore } from './idempotency/redis-store.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency/store.js';
import { gatewayReadiness, upstreamReadiness } from './readiness.js';
import { CONSOLE_DIR } from './console-dir.js';

let config: GatewayConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`zapi-graphql: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
// Served at /metrics; the client reports each Z-API call to it.
const metrics = createAppMetrics({ prefix: 'zapikit_gateway' });
let sandbox: Sandbox | undefined;
let zapi: ZapiClient;
if (config.upstream.mode === 'sandbox') {
  // The standalone sandbox's public token (it guards nothing but a local simulator), so the
  // simulated phone can be driven by hand: see the curl line below and docs/gateway.md.
  sandbox = await startSandbox({ partnerToken: DEFAULT_SANDBOX_PARTNER_TOKEN });
  zapi = createZapiClient({
    partnerToken: sandbox.partnerToken,
    baseUrl: sandbox.url,
    timeoutMs: config.timeoutMs,
    logger: logger.child({ component: 'zapi' }),
    onCall: metrics.onZapiCall,
  });
  logger.warn(
    { sandbox: true, sandboxUrl: sandbox.url },
    'SANDBOX MODE: no ZAPI_PARTNER_TOKEN is set, so every call goes to an embedded local simulator and nothing reaches Z-API. Instances are marked sandbox: true.',
  );
  logger.info(
    `sandbox phone: connect one with curl -X POST -H "Authorization: Bearer ${DEFAULT_SANDBOX_PARTNER_TOKEN}" ${sandbox.url}/__sandbox/instances/<id>/connect`,
  );
} else {
  zapi = createZapiClient({
    partnerToken: config.upstream.partnerToken,
    baseUrl: config.upstream.baseUrl,
    ...(config.upstream.clientToken ? { clientToken: config.upstream.clientToken } : {}),
    timeoutMs: config.timeoutMs,
    logger: logger.child({ component: 'zapi' }),
    onCall: metrics.onZapiCall,
  });
  logger.info({ sandbox: false, baseUrl: config.upstream.baseUrl }, 'LIVE MODE: calls go to Z-API');
}
if (config.apiKeys.length === 0) {
  logger.warn(
    'No GRAPHQL_API_KEYS: the gateway is open to anyone who can reach it. This is allowed only on the sandbox.',
  );
}

// Connection events: through Redis pub/sub with REDIS_URL (every replica's subscribers hear a
// callback any replica received), else in this process. Two connections: one subscribes (and
// waits for Redis while it is down), the other publishes (and fails fast, without crashing).
let events: EventBus;
if (config.redisUrl) {
  const eventsLogger = logger.child({ component: 'redis-events' });
  const onError = (error: Error) => {
    eventsLogger.warn({ err: error }, 'Redis connection error (events)');
  };
  events = new EventBus({
    redis: {
      publisher: connectRedis(config.redisUrl, {
        connectionName: 'zapikit-gateway-events',
        onError,
      }),
      subscriber: connectRedis(config.redisUrl, {
        connectionName: 'zapikit-gateway-events-sub',
        onError,
        subscriber: true,
      }),
    },
    onPublishError: (error) => {
      eventsLogger.warn({ err: error }, 'Redis refused an event: subscribers will not hear it');
    },
  });
} else {
  events = new EventBus();
}
if (config.events.webhookSecret) {
  logger.info(
    { receiver: '/webhooks/zapi/***', fillsWebhooks: config.events.publicUrl !== undefined },
    'Z-API callback receiver on',
  );
}
const streamsClosing = new AbortController();

// Idempotency keys: in Redis with REDIS_URL (shared by replicas, kept across restarts), else in
// this process's memory, bounded.
let idempotency: IdempotencyStore;
if (config.redisUrl) {
  const redisLogger = logger.child({ component: 'redis' });
  const redis = connectRedis(config.redisUrl, {
    connectionName: 'zapikit-gateway',
    onError: (error) => {
      redisLogger.warn({ err: error }, 'Redis connection error');
    },
  });
  idempotency = new RedisIdempotencyStore(redis, {
    onError: (error) => {
      redisLogger.warn({ err: error }, 'Redis command failed: answering STORE_UNAVAILABLE');
    },
  });
  logger.info(
    { redis: redactRedisUrl(config.redisUrl) },
    'idempotency keys in Redis (shared by replicas)',
  );
} else {
  idempotency = new MemoryIdempotencyStore();
  logger.info('idempotency keys in process memory (one replica; set REDIS_URL for several)');
}

// /ready asks the upstream at most every 5 seconds and the store every time, and says no once
// draining has begun.
const readiness = upstreamReadiness(zapi);
const answerNow = new AbortController();
const backstop = new AbortController();
// Every request in flight listens to these while it runs (and stops when it ends): as many
// listeners as requests at once is expected, not a leak.
setMaxListeners(0, answerNow.signal, backstop.signal);

const app = createApp({
  zapi,
  sandbox: sandbox !== undefined,
  apiKeys: config.apiKeys,
  logger,
  introspection: config.introspection,
  graphiql: config.graphiql,
  corsOrigins: config.corsOrigins,
  metrics,
  ready: gatewayReadiness(readiness, idempotency),
  idempotency,
  upstreamTimeoutMs: config.timeoutMs,
  shutdown: { answer: answerNow.signal, backstop: backstop.signal },
  events: {
    bus: events,
    webhookSecret: config.events.webhookSecret,
    publicUrl: config.events.publicUrl,
    qrRotationMs: config.events.qrRotationMs,
    connectionTimeoutMs: config.events.connectionTimeoutMs,
    statusPollMs: config.events.statusPollMs,
    closing: streamsClosing.signal,
  },
  console: { dir: CONSOLE_DIR },
  ...(sandbox ? { sandboxControl: { url: sandbox.url, partnerToken: sandbox.partnerToken } } : {}),
});
const server = createServer(gatewayListener(app));
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    {
      url: `http://${config.host}:${port}/graphql`,
      sandbox: sandbox !== undefined,
      graphiql: config.graphiql,
      corsOrigins: config.corsOrigins,
    },
    `Z-API GraphQL gateway listening on http://${config.host}:${port}/graphql${sandbox ? ' (SANDBOX)' : ''}`,
  );
  logger.info(
    { url: `http://${config.host}:${port}/console/` },
    `Operations console on http://${config.host}:${port}/console/${config.graphiql ? ` (GraphiQL on http://${config.host}:${port}/graphql)` : ''}`,
  );
});

// Graceful drain on SIGTERM/SIGINT (and on a crash), within DRAIN_MS (drain.ts): /ready says no
// and the server stops accepting at once; requests in flight finish normally until
// ANSWER_DEADLINE_MS, when paid calls still waiting for Z-API answer ZAPI_OUTCOME_UNKNOWN (and
// their claims record it); at BACKSTOP_MS anything else still running answers ZAPI_TIMEOUT. Every
// request gets an answer; then the client, the store and the embedded sandbox close and the
// process exits 0. A second signal, or DRAIN_MS without finishing, exits 1 at once.
closeWithGrace(
  {
    delay: DRAIN_MS,
    logger: {
      error: (message: unknown) => {
        logger.error(String(message));
      },
    },
    onSecondSignal: (signal) => {
      logger.warn({ signal }, 'second signal: exiting now');
    },
    onTimeout: (delay) => {
      logger.warn({ delayMs: delay }, 'drain timed out: exiting now');
    },
  },
  async ({ signal, err }) => {
    readiness.drain();
    // Subscriptions would hold their connections open forever: they end now, and their clients
    // reconnect to another replica.
    streamsClosing.abort();
    if (err) logger.error({ err }, 'crashed: draining');
    else logger.info({ signal }, 'draining');
    const timers = [
      setTimeout(() => {
        logger.warn('drain deadline: paid calls still waiting answer ZAPI_OUTCOME_UNKNOWN');
        answerNow.abort();
      }, ANSWER_DEADLINE_MS),
      setTimeout(() => {
        backstop.abort();
      }, BACKSTOP_MS),
      // Keep-alive connections whose last answer went out would hold close() open.
      setInterval(() => {
        server.closeIdleConnections();
      }, 100),
    ];
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeIdleConnections();
    });
    for (const timer of timers) clearTimeout(timer);
    // A create still pending upstream holds the client's pool open; its caller has its answer.
    await Promise.race([zapi.close(), sleep(250)]);
    await Promise.race([idempotency.close(), sleep(250)]);
    await Promise.race([events.close(), sleep(250)]);
    await sandbox?.close();
    logger.info('stopped');
  },
);
