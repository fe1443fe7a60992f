import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { createZapiClient, type ZapiClientOptions } from '@zapikit/client';
import type { Sandbox, SandboxOptions } from '@zapikit/sandbox';
import { CANARY_SECRETS, startCanarySandbox } from '@zapikit/sandbox/testing';
import { createApp, gatewayListener, type AppOptions } from '../src/app.js';
import { parseApiKeys } from '../src/auth/api-keys.js';
import { createLogger } from '../src/logger.js';
import { upstreamReadiness } from '../src/readiness.js';
import { CONSOLE_DIR } from '../src/console-dir.js';

/** Secrets no response or log line may show. */
export const CANARY_PARTNER_TOKEN = CANARY_SECRETS.partnerToken;
export const CANARY_CLIENT_TOKEN = CANARY_SECRETS.clientToken;
export const KEYS = {
  full: 'CANARY-key-full-0123456789abcdef0123456789',
  write: 'CANARY-key-write-0123456789abcdef012345678',
  read: 'CANARY-key-read-0123456789abcdef0123456789',
} as const;
/** The receiver's secret in tests (ZAPI_WEBHOOK_SECRET). */
export const WEBHOOK_SECRET = 'CANARY-webhook-secret-0123456789abcdef0123';
export const API_KEYS_ENV = `${KEYS.full}=read+write+token,${KEYS.write},${KEYS.read}=read`;

export interface GraphQLResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

export interface Gateway {
  url: string;
  sandbox: Sandbox;
  logs: string[];
  /** Posts an operation as a frontend would, with an API key unless `key` is null. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse>;
  /** Any HTTP request to the gateway. */
  raw(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<GraphQLResponse>;
  /** Cuts every open connection (streams included), as a network blip would; keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** The gateway over real HTTP on loopback, in front of a real sandbox, logs captured. */
export async function startGateway(
  options: {
    apiKeys?: string;
    sandbox?: SandboxOptions;
    client?: Partial<ZapiClientOptions>;
    app?: Partial<AppOptions>;
    /** Where to listen (default 127.0.0.1). */
    host?: string;
    /**
     * The callback receiver on (WEBHOOK_SECRET), with PUBLIC_URL this gateway's own address, so
     * createInstance points new instances' connection webhooks at it.
     */
    receiver?: boolean;
    /** A sandbox to share with another gateway (not closed by this one); default: its own. */
    upstream?: Sandbox;
  } = {},
): Promise<Gateway> {
  const sandbox = options.upstream ?? (await startCanarySandbox(options.sandbox));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const zapi = createZapiClient({
    partnerToken: CANARY_PARTNER_TOKEN,
    clientToken: CANARY_CLIENT_TOKEN,
    baseUrl: sandbox.url,
    timeoutMs: 1_000,
    retry: { maxRetries: 1, minDelayMs: 10, maxDelayMs: 50, totalTimeoutMs: 3_000 },
    logger: logger.child({ component: 'zapi' }),
    ...options.client,
  });
  // The real check, uncached: /ready asks the sandbox every time.
  const readiness = upstreamReadiness(zapi, { cacheMs: 0 });
  // Listening first: PUBLIC_URL is this server's own address.
  // No request arrives before `app` exists: the address is not known to anyone yet.
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createApp({
    zapi,
    sandbox: true,
    apiKeys: parseApiKeys(options.apiKeys ?? API_KEYS_ENV),
    logger,
    introspection: true,
    graphiql: true,
    ready: () => readiness.check(),
    upstreamTimeoutMs: options.client?.timeoutMs ?? 1_000,
    // As main.ts does on the sandbox: the console, and /__sandbox/* passed to the sandbox.
    console: { dir: CONSOLE_DIR },
    sandboxControl: { url: sandbox.url, partnerToken: CANARY_PARTNER_TOKEN },
    ...options.app,
    events: {
      ...(options.receiver ? { webhookSecret: WEBHOOK_SECRET, publicUrl: url } : {}),
      ...options.app?.events,
    },
  });
  const listener = gatewayListener(app);

  const raw: Gateway['raw'] = async (path, init) => {
    const res = await request(`${url}${path}`, {
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers ?? {},
      body: init.body ?? null,
    });
    const text = await res.body.text();
    let body: GraphQLResponse['body'] = {};
    try {
      body = JSON.parse(text) as GraphQLResponse['body'];
    } catch {
      // not JSON (GraphiQL's page, an empty body)
    }
    return { status: res.statusCode, headers: res.headers, body, text };
  };

  return {
    url,
    sandbox,
    logs,
    gql: (query, variables, key = KEYS.full) =>
      raw('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      }),
    raw,
    dropConnections: () => {
      server.closeAllConnections();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await zapi.close();
      if (!options.upstream) await sandbox.close();
    },
  };
}

export const CREATE = `mutation Create($input: CreateInstanceInput!, $key: String) {
  createInstance(input: $input, idempotencyKey: $key) {
    instance { id name token due sandbox }
    userErrors { field message code }
  }
}`;

/** Every secret of the harness, to assert none shows anywhere. */
export const SECRETS = [
  CANARY_PARTNER_TOKEN,
  CANARY_CLIENT_TOKEN,
  WEBHOOK_SECRET,
  ...Object.values(KEYS),
];
