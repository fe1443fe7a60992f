import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  getCORSHeadersByRequestAndOptions,
  sendNodeResponse,
  type CORSOptions,
} from '@whatwg-node/server';
import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { regularMediaType } from './accept.js';

/** The parts of yoga's server object the fast path drives; public fields of `YogaServer`. */
interface YogaServerParts {
  getEnveloped: (context: Record<string, unknown>) => {
    parse: (source: string) => DocumentNode;
    validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
    contextFactory: () => unknown;
    execute: (args: Record<string, unknown>) => unknown;
    schema: GraphQLSchema;
  };
  fetchAPI: { Request: typeof Request };
  logger: { error: (...args: unknown[]) => void };
  onParamsHooks: unknown[];
  onExecutionResultHooks: unknown[];
  onResultProcessHooks: unknown[];
  instrumentation?: unknown;
  maskedErrorsOpts: {
    errorMessage: string;
    maskError: (error: unknown, message: string) => Error;
  } | null;
}

/** Yoga's hooks around the envelop pipeline; the fast path runs none of them. */
const HTTP_HOOKS = [
  'onRequest',
  'onRequestParse',
  'onParams',
  'onExecutionResult',
  'onResultProcess',
  'onResponse',
] as const;

/** Params in the one shape the fast path takes: yoga's own checks would all pass them. */
interface PlainParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const PARAM_NAMES = new Set(['query', 'variables', 'operationName', 'extensions']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function plainParams(body: unknown): PlainParams | undefined {
  if (!isPlainObject(body)) return undefined;
  for (const key in body) if (!PARAM_NAMES.has(key)) return undefined;
  const { query, variables, operationName, extensions } = body;
  if (typeof query !== 'string') return undefined;
  if (variables != null && !isPlainObject(variables)) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (extensions != null && !isPlainObject(extensions)) return undefined;
  return body as unknown as PlainParams;
}

/** A Response stand-in: yoga's result processor builds one, and the fast path writes it out. */
class CapturedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly body: string | null,
    init: { status?: number; headers?: Record<string, string> } = {},
  ) {
    this.status = init.status ?? 200;
    this.headers = init.headers ?? {};
  }
}
const capturingFetchAPI = { Response: CapturedResponse };

const JSON_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);

/** How many requests each way took: fast, replayed to yoga from the fast path, or yoga alone. */
export interface FastPathCounts {
  fast: number;
  replayed: number;
  yoga: number;
}

/** A node request listener that counts which way each request went. */
export type FastPathListener = RequestListener & { readonly counts: Readonly<FastPathCounts> };

export interface FastPathOptions {
  endpoint: string;
  /** Bodies declared larger than this go to yoga, which refuses them. */
  maxBodyBytes: number;
  /** Fields to add to the server context for this Authorization header, or undefined to let yoga answer. */
  authorize: (authorization: string | undefined) => object | undefined;
  /** The CORS options given to yoga, whose headers the fast path adds the same way. */
  cors: CORSOptions | false;
  /** The plugins given to yoga. */
  plugins: readonly object[];
  /** Plugins with HTTP-level hooks whose effect on the hot request the fast path reproduces. */
  reproduced: ReadonlySet<object>;
}

/**
 * The gateway's node request listener: the hot request (a JSON POST to the GraphQL endpoint from
 * an authorized caller) runs yoga's own envelop pipeline (parse and validation caches, every
 * plugin's parse, validate, context and execute hooks, masked errors) and yoga's own result
 * processor, but without the fetch-API Request, body stream and Response that yoga builds around
 * them, which cost about a quarter of the gateway's CPU per call. Every other request goes to
 * yoga; so does any hot request the fast path cannot take before execution (invalid JSON,
 * unusual params, a syntax error), replayed from its buffered body.
 */
export function withFastPath(
  yoga: YogaServerInstance<Record<string, unknown>, Record<string, unknown>>,
  options: FastPathOptions,
): FastPathListener {
  const server = yoga as unknown as YogaServerParts;
  const counts: FastPathCounts = { fast: 0, replayed: 0, yoga: 0 };
  assertNothingSkipped(server, options);
  // yoga's server adapter is itself a node request listener.
  const toYoga = yoga as unknown as (req: IncomingMessage, res: ServerResponse) => void;

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const headers = req.headers;
    const length = headers['content-length'];
    const accepted = regularMediaType(headers.accept);
    const serverContext =
      req.method === 'POST' &&
      req.url === options.endpoint &&
      JSON_CONTENT_TYPES.has(headers['content-type'] ?? '') &&
      length !== undefined &&
      /^\d{1,9}$/.test(length) &&
      Number(length) <= options.maxBodyBytes &&
      accepted !== undefined
        ? options.authorize(headers.authorization)
        : undefined;
    if (!serverContext || !accepted) {
      counts.yoga += 1;
      toYoga(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      handle(req, res, text, accepted, serverContext).catch((error: unknown) => {
        // A fault of the fast path itself: answer as yoga answers an unexpected error.
        server.logger.error(error);
        if (!res.headersSent) {
          const body = JSON.stringify({ errors: [{ message: 'Unexpected error.' }] });
          res.writeHead(500, { 'content-type': `${accepted}; charset=utf-8` });
          res.end(body);
        } else res.destroy();
      });
    });
  };
  return Object.assign(listener, { counts });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    text: string,
    accepted: string,
    serverContext: object,
  ): Promise<void> {
    let params: PlainParams | undefined;
    try {
      params = plainParams(JSON.parse(text));
    } catch {
      params = undefined;
    }
    if (!params) return replay(req, res, text);
    const request = new server.fetchAPI.Request(`http://localhost${options.endpoint}`, {
      method: 'POST',
      headers: req.headers as Record<string, string>,
    });
    // The same context yoga builds for a node request: server context, request and params.
    const enveloped = server.getEnveloped({ req, res, ...serverContext, request, params });
    let document: DocumentNode;
    let invalid: readonly GraphQLError[];
    try {
      document = enveloped.parse(params.query);
      invalid = enveloped.validate(enveloped.schema, document);
    } catch {
      // A syntax error, or a limit (graphql-armor) that throws: nothing has run yet, so yoga
      // words the error itself.
      return replay(req, res, text);
    }
    let result: ExecutionResult;
    if (invalid.length > 0) {
      result = { errors: invalid };
    } else {
      let contextValue: unknown;
      try {
        contextValue = await enveloped.contextFactory();
      } catch {
        return replay(req, res, text);
      }
      try {
        result = (await enveloped.execute({
          schema: enveloped.schema,
          document,
          contextValue,
          variableValues: params.variables,
          operationName: params.operationName,
        })) as ExecutionResult;
      } catch (error) {
        // Execution may have begun, so this is never replayed; masked as yoga masks it.
        const masking = server.maskedErrorsOpts;
        result = {
          errors: [
            (masking ? masking.maskError(error, masking.errorMessage) : error) as GraphQLError,
          ],
        };
      }
    }
    const response = processRegularResult(
      result,
      capturingFetchAPI as never,
      accepted,
    ) as unknown as CapturedResponse;
    const body = response.body ?? '';
    // As yoga's CORS plugin adds them to every answer (nothing without an Origin header).
    const corsHeaders = options.cors
      ? getCORSHeadersByRequestAndOptions(request, options.cors)
      : null;
    counts.fast += 1;
    res.writeHead(response.status, {
      ...response.headers,
      ...corsHeaders,
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  async function replay(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    counts.replayed += 1;
    const response = await yoga.fetch(`http://localhost${req.url ?? options.endpoint}`, {
      method: req.method ?? 'POST',
      headers: req.headers,
      body,
    });
    // As yoga's own node adapter sends it (one writeHead).
    await sendNodeResponse(response, res, req, true);
  }
}

/** Refuses to start if a plugin has a hook the fast path would silently skip. */
function assertNothingSkipped(server: YogaServerParts, options: FastPathOptions): void {
  options.plugins.forEach((plugin, index) => {
    const hooks = HTTP_HOOKS.filter((hook) => hook in plugin);
    if (hooks.length > 0 && !options.reproduced.has(plugin))
      throw new Error(
        `plugin #${index + 1} has ${hooks.join(', ')}, which the fast path skips: reproduce its effect in withFastPath and list it as reproduced`,
      );
  });
  // Yoga's own hooks at these points, for this version: the params check (which every params
  // the fast path takes already pass) and the result processor (which the fast path calls).
  if (
    server.onParamsHooks.length !== 1 ||
    server.onExecutionResultHooks.length !== 0 ||
    server.onResultProcessHooks.length !== 1 ||
    server.instrumentation !== undefined
  )
    throw new Error(
      'yoga has hooks around execution that the fast path does not run; check withFastPath against this yoga version',
    );
}
