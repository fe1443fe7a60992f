import { inspect } from 'node:util';
import type { z } from 'zod';
import {
  CreateInstanceInput,
  CreateInstanceResponse,
  EnableCallsInput,
  InstanceCredentials,
  InstanceListPage,
  InstanceStatus,
  ListInstancesInput,
  MAX_PAGE_SIZE,
  OkResponse,
  QrCode,
  SubscribeInstanceInput,
  readAnswer,
  validate,
  type CreateInstanceInputRaw,
  type InstanceListItem,
  type ListInstancesInputRaw,
} from '@zapikit/schema';
import {
  ZapiBadResponseError,
  ZapiError,
  ZapiOutcomeUnknownError,
  ZapiValidationError,
  type InstanceCandidate,
} from './errors.js';
import { HttpTransport, type HttpCall, type HttpResponse } from './http.js';
import { connectionCalls, type ConnectionCalls } from './connection-calls.js';
import { completePage, isLastPage, type InstancePage } from './list-page.js';
import { silentLogger } from './logger.js';
import { resolveOptions, type ZapiClientOptions } from './options.js';

/** An instance Z-API just created. Its `token` is a credential: keep it server-side. */
export interface CreatedInstance {
  id: string;
  token: string;
  /** When the trial ends; null when Z-API's answer held no readable date. */
  due: Date | null;
}

/** The instance id and token that address one instance. */
export type InstanceRef = z.input<typeof InstanceCredentials>;

/** The typed Z-API partner client returned by {@link createZapiClient}. */
export interface ZapiClient extends ConnectionCalls {
  /** Creates an instance, at most once: see {@link ZapiOutcomeUnknownError}. */
  createInstance(input: CreateInstanceInputRaw): Promise<CreatedInstance>;
  /** One page of the partner's instances; counters Z-API left out are derived (see InstancePage). */
  listInstances(input?: ListInstancesInputRaw): Promise<InstancePage>;
  /** Every instance whose name is exactly `name` (after trimming), newest first. */
  findInstancesByName(name: string): Promise<InstanceListItem[]>;
  /** Subscribes (pays for) an instance, optionally with calls. */
  subscribeInstance(
    instance: InstanceRef,
    input?: z.input<typeof SubscribeInstanceInput>,
  ): Promise<void>;
  /** Cancels an instance's subscription; it stays usable until its due date. */
  cancelInstance(instance: InstanceRef): Promise<void>;
  /** Adds calls to a subscription (they cannot be removed again). */
  enableCalls(instance: InstanceRef): Promise<void>;
  /** Whether the instance's phone is connected. */
  getInstanceStatus(instance: InstanceRef): Promise<InstanceStatus>;
  /** The QR code that connects a phone, as an image data URL, unless already connected. */
  getQrCode(instance: InstanceRef): Promise<QrCode>;
  /** The base URL calls go to. */
  readonly baseUrl: string;
  /** Closes the client's connection pool. */
  close(): Promise<void>;
}

const CREATE_PATH = '/instances/integrator/on-demand';
// Enough to find a name among 1 000 instances that match the search; more is not a lookup.
const MAX_LOOKUP_PAGES = 10;

/** Creates a client for Z-API's partner API. Options are validated at once; secrets never leave it. */
export function createZapiClient(options: ZapiClientOptions): ZapiClient {
  const resolved = resolveOptions(options);
  const baseUrl = new URL(resolved.baseUrl);
  const logger = resolved.logger ?? silentLogger;
  const http = new HttpTransport({
    baseUrl,
    partnerToken: resolved.partnerToken,
    clientToken: resolved.clientToken,
    timeoutMs: resolved.timeoutMs,
    retry: resolved.retry,
    dispatcher: resolved.dispatcher,
    logger,
    onCall: resolved.onCall,
  });

  function parseInput<S extends z.ZodType>(
    schema: S,
    input: unknown,
    operation: string,
  ): z.output<S> {
    const result = validate(schema, input);
    if (!result.success) throw new ZapiValidationError(result.problems, operation);
    return result.data;
  }

  function instanceCall(
    operation: string,
    ref: InstanceRef,
    method: HttpCall['method'],
    template: string,
    extra: Partial<HttpCall> = {},
  ): HttpCall {
    const { id, token } = parseInput(InstanceCredentials, ref, operation);
    return {
      operation,
      method,
      route: template,
      path: template
        .replace('{id}', encodeURIComponent(id))
        .replace('{token}', encodeURIComponent(token)),
      partnerAuth: false,
      secrets: [token],
      kind: method === 'GET' ? 'read' : 'write',
      ...extra,
    };
  }

  /** Sends a call and parses a 2xx body with `schema`; any other status becomes its error. */
  async function exchange<S extends z.ZodType>(
    call: HttpCall,
    schema: S,
    body: 'json' | 'text',
  ): Promise<z.output<S>> {
    const response = await http.send(call);
    if (response.status < 200 || response.status >= 300) throw http.httpError(call, response);
    return parseResponse(call, response, schema, body);
  }

  function parseResponse<S extends z.ZodType>(
    call: HttpCall,
    response: HttpResponse,
    schema: S,
    body: 'json' | 'text',
  ): z.output<S> {
    let value: unknown = response.text;
    if (body === 'json') {
      try {
        value = JSON.parse(response.text);
      } catch {
        throw badResponse(call, response, 'a body that is not JSON');
      }
    }
    const result = readAnswer(schema, value);
    if (!result.success) {
      throw badResponse(
        call,
        response,
        `a body that does not match (${result.problems.map((p) => p.message).join('; ')})`,
      );
    }
    // Where and what kind, never the value: answers carry tokens.
    for (const field of result.dropped) {
      logger.debug(
        { operation: call.operation, field: field.path.join('.'), kind: field.kind },
        'Z-API answered a field that could not be read; it was read as null',
      );
    }
    return result.data;
  }

  function badResponse(call: HttpCall, response: HttpResponse, what: string): ZapiBadResponseError {
    return new ZapiBadResponseError(
      'ZAPI_BAD_RESPONSE',
      http.clean(call, `Z-API answered ${call.operation} with ${response.status} and ${what}`),
      { status: response.status, operation: call.operation, retryable: false },
    );
  }

  async function listInstances(input: ListInstancesInputRaw = {}): Promise<InstancePage> {
    const query = parseInput(ListInstancesInput, input, 'listInstances');
    return completePage(await listPage(query), query);
  }

  async function listPage(query: ListInstancesInput): Promise<InstanceListPage> {
    const page = await exchange(
      {
        operation: 'listInstances',
        method: 'GET',
        route: '/instances',
        path: '/instances',
        query,
        partnerAuth: true,
        kind: 'read',
      },
      InstanceListPage,
      'json',
    );
    http.rememberTokens(page.content.map((item) => item.token));
    return page;
  }

  async function findInstancesByName(name: string): Promise<InstanceListItem[]> {
    const wanted = parseInput(CreateInstanceInput.shape.name, name, 'findInstancesByName');
    const found: InstanceListItem[] = [];
    for (let page = 1; page <= MAX_LOOKUP_PAGES; page += 1) {
      const asked = { page, pageSize: MAX_PAGE_SIZE, query: wanted };
      const result = await listPage(asked);
      found.push(...result.content.filter((item) => item.name.trim() === wanted));
      if (isLastPage(result, asked)) break;
    }
    return found.sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0));
  }

  async function createInstance(raw: CreateInstanceInputRaw): Promise<CreatedInstance> {
    const input = parseInput(CreateInstanceInput, raw, 'createInstance');
    const call: HttpCall = {
      operation: 'createInstance',
      method: 'POST',
      route: CREATE_PATH,
      path: CREATE_PATH,
      body: input,
      partnerAuth: true,
      kind: 'write',
    };
    let response: HttpResponse;
    try {
      response = await http.send(call);
    } catch (error) {
      // Refused connections were already retried by the transport: nothing was created.
      if (error instanceof ZapiError && HttpTransport.neverSent(error)) throw error;
      throw await outcomeUnknown(input.name, error);
    }
    if (response.status >= 500)
      throw await outcomeUnknown(input.name, http.httpError(call, response));
    if (response.status < 200 || response.status >= 300) throw http.httpError(call, response);
    let created: z.output<typeof CreateInstanceResponse>;
    try {
      created = parseResponse(call, response, CreateInstanceResponse, 'json');
    } catch (error) {
      throw await outcomeUnknown(input.name, error);
    }
    http.rememberTokens([created.token]);
    return { id: created.id, token: created.token, due: created.due ?? null };
  }

  // Z-API has no idempotency key: when a create may have happened, look the name up and hand the
  // decision to a person rather than create again or guess.
  async function outcomeUnknown(name: string, cause: unknown): Promise<ZapiOutcomeUnknownError> {
    const reason =
      cause instanceof ZapiError
        ? cause
        : new ZapiError('ZAPI_NETWORK', 'the request failed', { operation: 'createInstance' });
    try {
      const candidates: InstanceCandidate[] = (await findInstancesByName(name)).map((item) => ({
        id: item.id,
        name: item.name,
        ...(item.created ? { created: item.created } : {}),
        ...(item.due ? { due: item.due } : {}),
      }));
      return new ZapiOutcomeUnknownError(name, reason, candidates, undefined);
    } catch (lookupError) {
      const code = lookupError instanceof ZapiError ? lookupError.code : 'ZAPI_NETWORK';
      return new ZapiOutcomeUnknownError(name, reason, [], code);
    }
  }

  const client: ZapiClient = {
    baseUrl: baseUrl.href,
    createInstance,
    listInstances,
    findInstancesByName,
    async subscribeInstance(ref, input = {}) {
      const body = parseInput(SubscribeInstanceInput, input, 'subscribeInstance');
      const call = instanceCall(
        'subscribeInstance',
        ref,
        'POST',
        '/instances/{id}/token/{token}/integrator/on-demand/subscription',
        { body, partnerAuth: true },
      );
      await exchange(call, OkResponse, 'text');
    },
    async cancelInstance(ref) {
      const call = instanceCall(
        'cancelInstance',
        ref,
        'POST',
        '/instances/{id}/token/{token}/integrator/on-demand/cancel',
        { body: {}, partnerAuth: true },
      );
      await exchange(call, OkResponse, 'text');
    },
    async enableCalls(ref) {
      const body = parseInput(EnableCallsInput, { withCalls: true }, 'enableCalls');
      const call = instanceCall('enableCalls', ref, 'PUT', resolved.updatePath, {
        body,
        partnerAuth: true,
      });
      await exchange(call, OkResponse, 'text');
    },
    async getInstanceStatus(ref) {
      return exchange(
        instanceCall('getInstanceStatus', ref, 'GET', '/instances/{id}/token/{token}/status'),
        InstanceStatus,
        'json',
      );
    },
    async getQrCode(ref) {
      return exchange(
        instanceCall('getQrCode', ref, 'GET', '/instances/{id}/token/{token}/qr-code/image'),
        QrCode,
        'json',
      );
    },
    ...connectionCalls({ parseInput, instanceCall, exchange }),
    close: () => http.close(),
  };
  // The client holds the partner token in a closure; make sure inspecting it shows only this.
  Object.defineProperty(client, inspect.custom, {
    value: () => `ZapiClient { baseUrl: '${baseUrl.href}' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ baseUrl: baseUrl.href }) });
  return client;
}
