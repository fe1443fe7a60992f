// `pnpm start`: the gateway, configured from the environment, on Z-API or the embedded sandbox.
import { createServer } from 'node:http';
import { createZapiClient, type ZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { createLogger } from './logger.js';

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
let sandbox: Sandbox | undefined;
let zapi: ZapiClient;
if (config.upstream.mode === 'sandbox') {
  sandbox = await startSandbox();
  zapi = createZapiClient({
    partnerToken: sandbox.partnerToken,
    baseUrl: sandbox.url,
    timeoutMs: config.timeoutMs,
    logger: logger.child({ component: 'zapi' }),
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
  });
  logger.info({ sandbox: false, baseUrl: config.upstream.baseUrl }, 'LIVE MODE: calls go to Z-API');
}
if (config.apiKeys.length === 0) {
  logger.warn(
    'No GRAPHQL_API_KEYS: the gateway is open to anyone who can reach it. This is allowed only on the sandbox.',
  );
}

// /ready asks the upstream at most every 5 seconds, and says no once draining has begun.
let draining = false;
let lastCheck = { at: 0, ok: false };
const ready = async () => {
  if (draining) return false;
  if (Date.now() - lastCheck.at < 5_000) return lastCheck.ok;
  const ok = await zapi.listInstances({ pageSize: 1 }).then(
    () => true,
    () => false,
  );
  lastCheck = { at: Date.now(), ok };
  return ok;
};

const app = createApp({
  zapi,
  sandbox: sandbox !== undefined,
  apiKeys: config.apiKeys,
  logger,
  introspection: config.introspection,
  graphiql: config.graphiql,
  corsOrigins: config.corsOrigins,
  ready,
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

// Graceful drain: stop accepting, let in-flight operations finish (up to 10 s), then close.
async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  logger.info({ signal }, 'draining');
  const force = setTimeout(() => {
    logger.warn('drain timed out; closing remaining connections');
    server.closeAllConnections();
  }, 10_000);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeIdleConnections();
  });
  await zapi.close();
  await sandbox?.close();
  logger.info('stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
