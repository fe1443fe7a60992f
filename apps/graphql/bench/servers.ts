// A server under test for the gateway benchmarks, in its own process: `bare`, `minimal`,
// `gateway`, `gateway-memory` or `gateway-redis` (the last two: the gateway with its memory or
// its Redis idempotency store, on REDIS_URL), each forwarding createInstance to UPSTREAM_URL;
// BENCH_OMIT_PLUGIN leaves one of the
// gateway's plugins out (bench/plugins.ts). Prints "listening on <url>".
// GET /__gc answers its garbage collections since the last such request (see GcStats).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import SchemaBuilder from '@pothos/core';
import { createYoga } from 'graphql-yoga';
import { Pool } from 'undici';
import { createZapiClient } from '@zapikit/client';
import { CreateInstanceInput, CreateInstanceResponse, validate } from '@zapikit/schema';
import { createApp, GATEWAY_PLUGINS, type GatewayPluginName } from '../src/app.js';
import { parseApiKeys } from '../src/auth/api-keys.js';
import { connectRedis } from '@zapikit/shared-state';
import { RedisIdempotencyStore } from '../src/idempotency/redis-store.js';
import { createLogger } from '../src/logger.js';

const kind = process.argv[2];
const upstream = process.env.UPSTREAM_URL ?? '';
const partnerToken = process.env.BENCH_PARTNER_TOKEN ?? '';
const CREATE_PATH = '/instances/integrator/on-demand';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

// The baseline: node:http, the same zod validation both ways, one undici request upstream.
function bare(): Handler {
  const pool = new Pool(upstream, { connections: 32 });
  const headers = { authorization: `Bearer ${partnerToken}`, 'content-type': 'application/json' };
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const input = validate(CreateInstanceInput, JSON.parse(Buffer.concat(chunks).toString()));
        if (!input.success) {
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify(input.problems));
          return;
        }
        const answer = await pool.request({
          path: CREATE_PATH,
          method: 'POST',
          headers,
          body: JSON.stringify(input.data),
        });
        const created = validate(CreateInstanceResponse, JSON.parse(await answer.body.text()));
        if (!created.success) throw new Error('bad upstream answer');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: created.data.id, name: input.data.name }));
      })().catch(() => res.writeHead(502).end());
    });
  };
}

// yoga + Pothos with one mutation and none of the gateway's features.
function minimal(): Handler {
  const zapi = createZapiClient({ partnerToken, baseUrl: upstream });
  // No plugins; the cast only quiets scope-auth's global types, which expect its options.
  const builder = new SchemaBuilder({} as never);
  const Created = builder.objectRef<{ id: string; name: string }>('Created').implement({
    fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
  });
  builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });
  builder.mutationType({
    fields: (t) => ({
      createInstance: t.field({
        type: Created,
        args: { name: t.arg.string({ required: true }) },
        resolve: async (_root, args) => ({
          id: (await zapi.createInstance({ name: args.name })).id,
          name: args.name,
        }),
      }),
    }),
  });
  return createYoga({ schema: builder.toSchema(), logging: false });
}

// The full gateway: every feature on, an API key, pino at info to /dev/null; as deployed, or
// without one plugin. Without the key check, the gateway runs open (no keys), as it would.
function gateway(omit: GatewayPluginName | undefined, redisUrl?: string): Handler {
  const zapi = createZapiClient({ partnerToken, baseUrl: upstream });
  const keys =
    omit === 'access-control' ? '' : `${process.env.BENCH_API_KEY ?? ''}=read+write+token`;
  return createApp({
    zapi,
    sandbox: false,
    apiKeys: parseApiKeys(keys),
    logger: createLogger('info', { write: () => true }),
    introspection: false,
    graphiql: false,
    ready: () => Promise.resolve(true),
    ...(redisUrl
      ? {
          idempotency: new RedisIdempotencyStore(
            connectRedis(redisUrl, { connectionName: 'zapikit-bench' }),
          ),
        }
      : {}),
    ...(omit ? { omitPlugins: [omit] } : {}),
  });
}

/** The plugin BENCH_OMIT_PLUGIN names, if any; a name the gateway does not know is refused. */
function omitted(): GatewayPluginName | undefined {
  const name = process.env.BENCH_OMIT_PLUGIN;
  if (!name) return undefined;
  const known = GATEWAY_PLUGINS.find((plugin) => plugin === name);
  if (!known) throw new Error(`BENCH_OMIT_PLUGIN: no plugin named ${name}`);
  return known;
}

/** This process's garbage collections over a span: young-generation pauses and the rest. */
export interface GcStats {
  scavenges: number;
  scavengeMs: number;
  longestScavengeMs: number;
  otherMs: number;
}
const emptyGc = (): GcStats => ({ scavenges: 0, scavengeMs: 0, longestScavengeMs: 0, otherMs: 0 });
let gc = emptyGc();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.scavenges += 1;
      gc.scavengeMs += entry.duration;
      gc.longestScavengeMs = Math.max(gc.longestScavengeMs, entry.duration);
    } else gc.otherMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const handler =
  kind === 'bare'
    ? bare()
    : kind === 'minimal'
      ? minimal()
      : gateway(omitted(), kind === 'gateway-redis' ? process.env.REDIS_URL : undefined);
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/__gc') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(gc));
    gc = emptyGc();
    return;
  }
  void handler(req, res);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
