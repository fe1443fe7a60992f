import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { bearerToken, findApiKey, SCOPES, type ApiKey, type Scope } from './auth/api-keys.js';
import type { GatewayContext } from './context.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency/store.js';
import { InstanceDirectory, type ZapiClient } from '@zapikit/client';
import { useBodyLimit } from './plugins/body-limit.js';
import { useOperationLog } from './plugins/operation-log.js';
import { onePaidMutationRule } from './plugins/paid-mutations.js';
import { schema } from './schema/index.js';

/** Largest request body accepted; a create is well under 20 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Everything the gateway needs, injected: it reads no environment itself. */
export interface AppOptions {
  zapi: ZapiClient;
  sandbox: boolean;
  apiKeys: readonly ApiKey[];
  logger: Logger;
  introspection: boolean;
  graphiql: boolean;
  /** Whether the upstream (Z-API or the sandbox) answers; backs `/ready`. */
  ready: () => Promise<boolean>;
  idempotency?: IdempotencyStore;
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
const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

/** Builds the gateway's yoga app (no listening): schema, access control and protections. */
export function createApp(
  options: AppOptions,
): YogaServerInstance<Record<string, unknown>, GatewayContext> {
  const instances = new InstanceDirectory(options.zapi);
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const callers = new WeakMap<Request, ApiKey>();
  const open = options.apiKeys.length === 0;

  const accessControl: Plugin = {
    onRequest(payload) {
      const { request, url } = payload;
      const { Response } = payload.fetchAPI;
      if (url.pathname !== '/graphql') return;
      if (open) return;
      // The GraphiQL page itself needs no key; the queries it sends do.
      if (request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html'))
        return;
      const key = findApiKey(
        options.apiKeys,
        bearerToken(request.headers.get('authorization')) ?? '',
      );
      if (!key) {
        payload.endResponse(
          Response.json(UNAUTHENTICATED, {
            status: 401,
            headers: { 'www-authenticate': 'Bearer' },
          }),
        );
        return;
      }
      callers.set(request, key);
    },
  };

  const paidMutationLimit: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(onePaidMutationRule);
    },
  };

  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
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
    context: ({ request }): GatewayContext => {
      const key = callers.get(request);
      return {
        callerId: key?.id ?? 'open',
        scopes: key?.scopes ?? OPEN_SCOPES,
        zapi: options.zapi,
        instances,
        idempotency,
        sandbox: options.sandbox,
      };
    },
    plugins: [
      accessControl,
      useBodyLimit(MAX_BODY_BYTES),
      // A cross-site page cannot add either header without a CORS preflight, which it would fail.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      ...(options.introspection ? [] : [useDisableIntrospection()]),
      maxDepthPlugin({ n: 8 }),
      maxAliasesPlugin({ n: 15 }),
      maxTokensPlugin({ n: 2000 }),
      maxDirectivesPlugin({ n: 20 }),
      costLimitPlugin({ maxCost: 5000 }),
      blockFieldSuggestionsPlugin(),
      paidMutationLimit,
      useOperationLog(options.logger),
      useReadinessCheck({ endpoint: '/ready', check: () => options.ready() }),
    ],
  });
}
