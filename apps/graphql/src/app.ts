import { setMaxListeners } from 'node:events';
import { Counter, type Registry } from 'prom-client';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { CORSOptions, CORSOptionsFactory } from '@whatwg-node/server';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { SCOPES, type ApiKey, type Scope } from './auth/api-keys.js';
import type { GatewayContext } from './context.js';
import { maskError } from './errors.js';
import { paidCallPolicy, type PaidCallPolicy } from './idempotency/paid-call.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency/store.js';
import { InstanceDirectory, type ZapiClient } from '@zapikit/client';
import { createAppMetrics, type AppMetrics } from '@zapikit/app-metrics';
import { LiveEvents, type LiveEventsOptions } from './events/live-events.js';
import { yogaLogger } from './logger.js';
import { useCallbackReceiver } from './plugins/use-callback-receiver.js';
import { CallbackReceiver } from './events/callback-receiver.js';
import { useGraphQLSseStream } from './plugins/use-graphql-sse-stream.js';
import { useAccessControl, type CallerContext } from './plugins/use-access-control.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useConsole } from './plugins/use-console.js';
import { useCsrfForPosts } from './plugins/use-csrf-for-posts.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useDrain } from './plugins/use-drain.js';
import { useNoIntrospection } from './plugins/use-no-introspection.js';
import { useOneAuthorization } from './plugins/use-one-authorization.js';
import { useOperationLog } from './plugins/use-operation-log.js';
import { usePaidMutationLimit } from './plugins/use-paid-mutation-limit.js';
import { useReleaseScopeCache } from './plugins/use-release-scope-cache.js';
import { useSandboxPassThrough } from './plugins/use-sandbox-pass-through.js';
import { schema } from './schema/index.js';

/** ZAPI_TIMEOUT_MS's default, for leases when no timeout is given. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 15_000;
/** Deepest introspection query answered: that of graphql-js's own, as graphql-armor counts. */
export const INTROSPECTION_MAX_DEPTH = 21;

/** Largest request body accepted; a create is well under 20 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest Z-API callback accepted; a connection callback is well under 1 KiB. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

/** Everything the gateway needs, injected: it reads no environment itself. */
export interface AppOptions {
  zapi: ZapiClient;
  sandbox: boolean;
  apiKeys: readonly ApiKey[];
  logger: Logger;
  introspection: boolean;
  graphiql: boolean;
  /**
   * Origins whose pages may call the gateway from a browser (CORS); `*` for any. Unset or empty:
   * none, so a browser page on another origin can neither read an answer nor send a JSON POST.
   */
  corsOrigins?: readonly string[];
  /** Whether the upstream (Z-API or the sandbox) answers; backs `/ready`. */
  ready: () => Promise<boolean>;
  /** Where idempotency keys are claimed: Redis with REDIS_URL; default a bounded memory store. */
  idempotency?: IdempotencyStore;
  /**
   * Where `/metrics` reads from; pass the one whose `onZapiCall` the client reports to (see
   * main.ts). Default: a registry of the gateway's own, without Z-API call metrics.
   */
  metrics?: AppMetrics;
  /** The upstream timeout (ZAPI_TIMEOUT_MS): a claim's lease outlives it. Default 15 000. */
  upstreamTimeoutMs?: number;
  /** Leases and waits of paid calls, when a test needs them shorter than the timeout implies. */
  paidCalls?: Partial<Pick<PaidCallPolicy, 'leaseMs' | 'waitMs'>>;
  /**
   * The drain (main.ts): `answer` aborts when paid calls must stop waiting for Z-API and answer
   * ZAPI_OUTCOME_UNKNOWN; `backstop` when every other request still running must answer.
   */
  shutdown?: { answer: AbortSignal; backstop: AbortSignal };
  /**
   * Live connection events: the bus (Redis with REDIS_URL), the receiver's secret, PUBLIC_URL,
   * the timings, and `closing`, aborted when the drain begins so that every subscription ends.
   */
  events?: LiveEventsOptions;
  /**
   * The operations console's static build (apps/console/dist), served at `/console`. Unset: no
   * console (a 404 there).
   */
  console?: { dir: string };
  /**
   * The embedded sandbox, in sandbox mode only: `/__sandbox/*` is passed to it (the console's
   * "Simulate the phone"). Unset (live mode): those paths are 404.
   */
  sandboxControl?: { url: string; partnerToken: string };
  /** Plugins to leave out, by name: only to price each one (bench/plugins.ts). */
  omitPlugins?: readonly GatewayPluginName[];
}

export const GRAPHIQL_EXAMPLE = `# Creates a trial instance (in the sandbox unless ZAPI_PARTNER_TOKEN is set).
# Then run ConnectPhone with its id: the QR code arrives live (Server-Sent Events), a new one at
# each rotation, until a phone scans it. In the sandbox, "scan" with the curl line the gateway
# logs at start-up (POST <sandbox url>/__sandbox/instances/<id>/connect).
mutation CreateInstance {
  createInstance(
    input: { name: "My first instance", receivedCallbackUrl: "https://example.com/webhooks/received" }
    idempotencyKey: "example-1"
  ) {
    instance { id name due sandbox }
    userErrors { field message code }
  }
}

subscription ConnectPhone {
  instanceConnection(id: "<the id from CreateInstance>") { state qrCode phone at }
}
`;

const OPEN_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);
const NO_SCOPES: ReadonlySet<Scope> = new Set();

/** The gateway: a yoga server; `requestListener` serves it with node:http. */
export type GatewayApp = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/**
 * CORS for these origins: bearer keys, never cookies, so no credentials; only what a frontend
 * sends. A request from an origin not listed gets no CORS header at all: @whatwg-node's own
 * answer to it, with two or more origins listed, is `Access-Control-Allow-Origin: null`, which a
 * sandboxed iframe or a `data:` page (whose origin is "null") would satisfy.
 */
function corsFor(origins: readonly string[]): CORSOptionsFactory<unknown> | false {
  if (origins.length === 0) return false;
  const options: CORSOptions = {
    origin: origins.includes('*') ? '*' : [...origins],
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-graphql-yoga-csrf'],
    maxAge: 600,
  };
  if (origins.includes('*')) return () => options;
  const listed = new Set(origins);
  return (request) => (listed.has(request.headers.get('origin') ?? '') ? options : false);
}

/** The gateway's plugins, in the order yoga runs them, by the names `omitPlugins` takes. */
export const GATEWAY_PLUGINS = [
  'callback-receiver',
  'metrics',
  'console',
  'sandbox-pass-through',
  'one-authorization',
  'access-control',
  'graphql-sse',
  'body-limit',
  'csrf',
  'no-introspection',
  'max-depth',
  'max-introspection-depth',
  'max-aliases',
  'max-tokens',
  'max-directives',
  'cost-limit',
  'block-field-suggestions',
  'paid-mutation-limit',
  'operation-log',
  'release-scope-cache',
  'readiness',
  'drain',
] as const;
export type GatewayPluginName = (typeof GATEWAY_PLUGINS)[number];

/** Each plugin by name; undefined where the options turn it off. */
function gatewayPlugins(
  options: AppOptions & { metrics: AppMetrics; receiver: CallbackReceiver },
): Record<GatewayPluginName, Plugin | undefined> {
  return {
    'callback-receiver': useCallbackReceiver(options.receiver),
    metrics: useMetrics({ metrics: options.metrics, apiKeys: options.apiKeys }),
    console: options.console ? useConsole({ dir: options.console.dir }) : undefined,
    'sandbox-pass-through':
      options.sandbox && options.sandboxControl
        ? useSandboxPassThrough({ ...options.sandboxControl, apiKeys: options.apiKeys })
        : undefined,
    'one-authorization': useOneAuthorization(),
    'access-control': useAccessControl({ apiKeys: options.apiKeys }),
    'graphql-sse': useGraphQLSseStream({
      apiKeys: options.apiKeys,
      maxBodyBytes: MAX_BODY_BYTES,
    }),
    'body-limit': useBodyLimit({ maxBytes: MAX_BODY_BYTES }),
    // A cross-site page cannot add either header without a CORS preflight, which fails unless
    // its origin is in corsOrigins. Queries over GET need neither (see useCsrfForPosts).
    csrf: useCsrfForPosts({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
    'no-introspection': options.introspection ? undefined : useNoIntrospection(),
    'max-depth': maxDepthPlugin({ n: 8 }),
    // graphql-armor leaves `__schema` out of the depth above (its `ignoreIntrospection`), so an
    // introspection query could nest as deep as it liked. This counts it, and allows exactly the
    // depth of graphql-js's getIntrospectionQuery (which GraphiQL, Apollo and codegen send).
    'max-introspection-depth': options.introspection
      ? maxDepthPlugin({ n: INTROSPECTION_MAX_DEPTH, ignoreIntrospection: false })
      : undefined,
    'max-aliases': maxAliasesPlugin({ n: 15 }),
    'max-tokens': maxTokensPlugin({ n: 2000 }),
    'max-directives': maxDirectivesPlugin({ n: 20 }),
    'cost-limit': costLimitPlugin({ maxCost: 5000 }),
    'block-field-suggestions': blockFieldSuggestionsPlugin(),
    'paid-mutation-limit': usePaidMutationLimit(),
    'operation-log': useOperationLog({ logger: options.logger }),
    'release-scope-cache': useReleaseScopeCache(),
    readiness: useReadinessCheck({ endpoint: '/ready', check: () => options.ready() }),
    drain: options.shutdown ? useDrain({ backstop: options.shutdown.backstop }) : undefined,
  };
}

/** Builds the gateway (no listening): schema, access control and protections. */
export function createApp(options: AppOptions): GatewayApp {
  const instances = new InstanceDirectory(options.zapi);
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const open = options.apiKeys.length === 0;
  const metrics = options.metrics ?? createAppMetrics({ prefix: 'zapikit_gateway' });
  const keyOutcomes = idempotencyKeyCounter(metrics.registry);
  const paidCalls: PaidCallPolicy = {
    ...paidCallPolicy(
      options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      options.shutdown?.answer ?? neverAborted(),
      options.logger.child({ component: 'paid-calls' }),
    ),
    onKey: (operation, outcome) => {
      keyOutcomes.inc({ operation, outcome });
    },
    ...options.paidCalls,
  };
  const live = new LiveEvents(
    options.events ?? {},
    options.zapi,
    metrics.registry,
    options.logger.child({ component: 'live-events' }),
  );
  const receiver = new CallbackReceiver(live, options.logger, MAX_CALLBACK_BYTES);
  const all = gatewayPlugins({ ...options, metrics, receiver });

  const app = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    cors: corsFor(options.corsOrigins ?? []),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    batching: false,
    // Replaced by useBodyLimit below, which skips the per-request stream when Content-Length
    // already bounds the body.
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    logging: yogaLogger(options.logger),
    graphiql: options.graphiql ? { title: 'Z-API gateway', defaultQuery: GRAPHIQL_EXAMPLE } : false,
    renderGraphiQL,
    context: (initial): GatewayContext => {
      const key = (initial as CallerContext).apiKey;
      return {
        // Without a key, scopes only in the open (sandbox) mode: should any request ever reach
        // execution past the key check, it can do nothing.
        callerId: key?.id ?? (open ? 'open' : 'anonymous'),
        scopes: key?.scopes ?? (open ? OPEN_SCOPES : NO_SCOPES),
        zapi: options.zapi,
        instances,
        idempotency,
        paidCalls,
        sandbox: options.sandbox,
        live,
      };
    },
    plugins: GATEWAY_PLUGINS.flatMap((name) => {
      const plugin = all[name];
      return plugin && !options.omitPlugins?.includes(name) ? [plugin] : [];
    }),
  });
  receivers.set(app, receiver);
  return app;
}

const receivers = new WeakMap<GatewayApp, CallbackReceiver>();

/**
 * What node:http serves (main.ts): Z-API's callbacks answered by a plain handler ahead of yoga,
 * every other request by yoga (`app.requestListener`).
 */
export function gatewayListener(app: GatewayApp): RequestListener {
  const receiver = receivers.get(app);
  return (req, res) => {
    if (receiver?.handle(req, res)) return;
    app.requestListener(req, res);
  };
}

/** A signal for an app without a drain: every paid call listens to it, so no listener limit. */
function neverAborted(): AbortSignal {
  const { signal } = new AbortController();
  setMaxListeners(0, signal);
  return signal;
}

/** Keyed paid calls by what their key did (`claimed`, `replayed`, …; see KeyOutcome). */
function idempotencyKeyCounter(registry: Registry) {
  return new Counter({
    name: 'zapikit_gateway_idempotency_keys_total',
    help: 'Paid mutations sent with an idempotency key, by mutation and what the key did: claimed (sent), replayed (first result, nothing sent), reused (other input, refused), lost or waited_out (unknown outcome).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
}
