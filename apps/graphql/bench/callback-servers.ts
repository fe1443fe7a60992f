// A server under test for the live-events benchmark, in its own process: `bare-callback` (a
// bare node:http handler that parses the JSON body and answers 200) or `gateway-receiver` (the
// full gateway with its callback receiver at /webhooks/zapi/{BENCH_WEBHOOK_SECRET}, events in
// process). Prints "listening on <url>".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createZapiClient } from '@zapikit/client';
import { createApp, gatewayListener } from '../src/app.js';
import { parseApiKeys } from '../src/auth/api-keys.js';
import { createLogger } from '../src/logger.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

const kind = process.argv[2];

function bare(): Handler {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  };
}

function gateway(): Handler {
  // No Z-API call happens: subscribers of instanceEvents without ids, and callbacks.
  const zapi = createZapiClient({ partnerToken: 'bench', baseUrl: 'http://127.0.0.1:9' });
  const app = createApp({
    zapi,
    sandbox: false,
    apiKeys: parseApiKeys(`${process.env.BENCH_API_KEY ?? ''}=read`),
    logger: createLogger('info', { write: () => true }),
    introspection: false,
    graphiql: false,
    ready: () => Promise.resolve(true),
    events: { webhookSecret: process.env.BENCH_WEBHOOK_SECRET ?? '' },
  });
  return gatewayListener(app);
}

if (kind !== 'bare-callback' && kind !== 'gateway-receiver')
  throw new Error(`unknown ${kind ?? ''}`);
const handler = kind === 'bare-callback' ? bare() : gateway();
const server = createServer((req, res) => {
  void handler(req, res);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
