import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { RequestListener } from 'node:http';
import type { CORSOptions } from '@whatwg-node/server';
import type { Logger } from 'pino';
import { bearerToken, findApiKey, SCOPES, type ApiKey, type Scope } from './auth/api-keys.js';
import { withFastPath, type FastPathCounts } from './http/fast-path.js';
import type { GatewayContext } from './context.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency/store.js';
import { InstanceDirectory, type ZapiClient } from '@zapikit/client';
import { useBodyLimit } from './plugins/body-limit.js';
import { useNoIntrospection } from './plugins/no-introspection.js';
import { useOperationLog } from './plugins/operation-log.js';
import { onePaidMutationRule } from './plugins/paid-mutations.js';
import { useReleaseScopeCache } from './plugins/release-scope-cache.js';
import { schema } from './schema/index.js';

/** Largest request body accepted; a create is well under 20 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;
const GRAPHQL_ENDPOINT = '/graphql';

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
  idempotency?: IdempotencyStore;
  /** Serve JSON POSTs on the fast path (default); false serves every request through yoga. */
  fastPath?: boolean;
}

export const GRAPHIQL_EXAMPLE = `# Creates a trial instance (in the sandbox unless ZAPI_PARTNER_TOKEN is set).
mutation CreateInstance {
  createInstance(
    input: { name: "My first instance", receivedCallbackUrl: "https://example.com/webhooks/received" }
    idempotencyKey: "example-1"
  ) {
    instance { id name due sandbox }
    userErrors { field message code }
  }
}
`;

const OPEN_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);
const NO_SCOPES: ReadonlySet<Scope> = new Set();
const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

/** The gateway: yoga itself, and the node request listener to serve it with. */
export interface GatewayApp {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  /** Serves the hot request on the fast path and everything else through yoga. */
  listener: RequestListener;
  /** Which way requests went, when the fast path is on. */
  counts?: Readonly<FastPathCounts>;
}

/** What the access check leaves in the server context, for the context factory. */
interface CallerContext {
  apiKey?: ApiKey;
}

/** Builds the gateway (no listening): schema, access control and protections. */
export function createApp(options: AppOptions): GatewayApp {
  const instances = new InstanceDirectory(options.zapi);
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const open = options.apiKeys.length === 0;
  /** The caller's server-context fields, or undefined when the key is missing or unknown. */
  const authorize = (authorization: string | null | undefined): CallerContext | undefined => {
    if (open) return {};
    const apiKey = findApiKey(options.apiKeys, bearerToken(authorization ?? null) ?? '');
    return apiKey ? { apiKey } : undefined;
  };

  // The key check runs where every GraphQL request passes, whatever URL yoga matched it on
  // (yoga also serves `/graphql/` and any path ending in `/graphql`), and after the GraphiQL
  // page, which needs no key, has been served; the queries that page sends need one.
  const accessControl: Plugin = {
    onRequestParse(payload) {
      const caller = authorize(payload.request.headers.get('authorization'));
      if (!caller) {
        payload.endResponse(
          payload.fetchAPI.Response.json(UNAUTHENTICATED, {
            status: 401,
            headers: { 'www-authenticate': 'Bearer' },
          }),
        );
        return;
      }
      Object.assign(payload.serverContext as CallerContext, caller);
    },
  };

  const paidMutationLimit: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(onePaidMutationRule);
    },
  };
  const bodyLimit = useBodyLimit(MAX_BODY_BYTES);
  // A cross-site page cannot add either header without a CORS preflight, which fails unless its
  // origin is in corsOrigins.
  const csrf = useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] });
  const readiness = useReadinessCheck({ endpoint: '/ready', check: () => options.ready() });
  const plugins = [
    accessControl,
    bodyLimit,
    csrf,
    ...(options.introspection ? [] : [useNoIntrospection()]),
    maxDepthPlugin({ n: 8 }),
    maxAliasesPlugin({ n: 15 }),
    maxTokensPlugin({ n: 2000 }),
    maxDirectivesPlugin({ n: 20 }),
    costLimitPlugin({ maxCost: 5000 }),
    blockFieldSuggestionsPlugin(),
    paidMutationLimit,
    useOperationLog(options.logger),
    useReleaseScopeCache(),
    readiness,
  ];

  const origins = options.corsOrigins ?? [];
  // Bearer keys, never cookies: no credentials. Only the headers a frontend needs.
  const cors: CORSOptions | false =
    origins.length === 0
      ? false
      : {
          origin: origins.includes('*') ? '*' : [...origins],
          credentials: false,
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-graphql-yoga-csrf'],
          maxAge: 600,
        };

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    cors,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    batching: false,
    // Replaced by useBodyLimit below, which skips the per-request stream when Content-Length
    // already bounds the body.
    maxRequestBodySize: false,
    maskedErrors: true,
    logging: {
      debug: (...args) => {
        options.logger.debug(args.map(String).join(' '));
      },
      info: (...args) => {
        options.logger.info(args.map(String).join(' '));
      },
      warn: (...args) => {
        options.logger.warn(args.map(String).join(' '));
      },
      error: (...args) => {
        options.logger.error(
          { err: args.find((a) => a instanceof Error) },
          args.map(String).join(' '),
        );
      },
    },
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
        sandbox: options.sandbox,
      };
    },
    plugins,
  });

  if (options.fastPath === false)
    return {
      yoga,
      // yoga's server adapter is itself a node request listener; it never rejects.
      listener: (req, res) => void yoga(req, res),
    };
  const listener = withFastPath(yoga as never, {
    endpoint: GRAPHQL_ENDPOINT,
    maxBodyBytes: MAX_BODY_BYTES,
    authorize,
    cors,
    plugins,
    // What each does to a JSON POST with a Content-Length and no Origin, the fast path does:
    // the key check (authorize), the body cap (Content-Length only), and CSRF (which passes
    // every JSON POST: a cross-site page cannot send one without a preflight). Readiness
    // answers only /ready.
    reproduced: new Set([accessControl, bodyLimit, csrf, readiness]),
  });
  return { yoga, listener, counts: listener.counts };
}
