// `pnpm start`: the gateway, configured from the environment, on Z-API or the embedded sandbox.
import { createServer } from 'node:http';
import closeWithGrace from 'close-with-grace';
import { createAppMetrics } from '@zapikit/app-metrics';
import { createZapiClient, type ZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { createLogger } from './logger.js';
import { upstreamReadiness } from './readiness.js';

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

/** How long in-flight requests may take to finish once a drain begins. */
const DRAIN_MS = 10_000;

const logger = createLogger(config.logLevel);
// Served at /metrics; the client reports each Z-API call to it.
const metrics = createAppMetrics({ prefix: 'zapikit_gateway' });
let sandbox: Sandbox | undefined;
let zapi: ZapiClient;
if (config.upstream.mode === 'sandbox') {
  sandbox = await startSandbox();
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

// /ready asks the upstream at most every 5 seconds, and says no once draining has begun.
const readiness = upstreamReadiness(zapi);

const app = createApp({
  zapi,
  sandbox: sandbox !== undefined,
  apiKeys: config.apiKeys,
  logger,
  introspection: config.introspection,
  graphiql: config.graphiql,
  corsOrigins: config.corsOrigins,
  ready: () => readiness.check(),
  metrics,
});
const server = createServer(app.requestListener);
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
});

// Graceful drain on SIGTERM/SIGINT (and on a crash): /ready says no at once, the server stops
// accepting and lets in-flight requests finish, then the client and the embedded sandbox close
// and the process exits 0. A second signal, or 10 s without finishing, exits 1 at once.
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
    if (err) logger.error({ err }, 'crashed: draining');
    else logger.info({ signal }, 'draining');
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      // Keep-alive connections with no request in flight would hold close() open.
      server.closeIdleConnections();
    });
    await zapi.close();
    await sandbox?.close();
    logger.info('stopped');
  },
);
