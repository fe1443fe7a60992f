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
import { ZapiBadResponseError, ZapiError, ZapiValidationError } from './errors.js';
import { HttpTransport, type HttpCall, type HttpResponse } from './http.js';
import { connectionCalls, type ConnectionCalls, type InstanceAddress } from './connection-calls.js';
import { InstanceDirectory } from './directory.js';
import {
  completePage,
  isLastPage,
  toInstancePage,
  type InstancePage,
  type ZapiInstancePage,
} from './list-page.js';
import { outcomeUnknownByName } from './outcome-unknown.js';
import { silentLogger } from './logger.js';
import { resolveOptions, type ZapiClientOptions } from './options.js';
import { webhookRequestSchemas } from './request-schemas.js';

/** An instance Z-API just created. Its `token` is a credential: keep it server-side. */
export interface CreatedInstance {
  id: string;
  token: string;
  /** When the trial ends; null when Z-API's answer held no readable date. */
  due: Date | null;
}

/** The instance id and token that address one instance. */
export type InstanceRef = z.input<typeof InstanceCredentials>;

/**
 * Which instance a call acts on: its id (the client finds the token through the partner list,
 * as the gateway does) or an {@link InstanceRef} with the token (no lookup).
 */
export type InstanceTarget = string | InstanceRef;

/** Calls on one instance that take an {@link InstanceTarget} where the address is first. */
export type ByTarget<Calls> = {
  [Name in keyof Calls]: Calls[Name] extends (ref: InstanceAddress, ...rest: infer Rest) => infer R
    ? (instance: InstanceTarget, ...rest: Rest) => R
    : Calls[Name];
};

/** Z-API's own shapes, for callers who want them rather than the toolkit's words. */
export interface ZapiRawCalls {
  /** One page of `GET /instances` as Z-API answered it: `content`, `totalPage`, unknown fields. */
  listInstances(input?: ListInstancesInputRaw): Promise<ZapiInstancePage>;
}

/** The typed Z-API partner client returned by {@link createZapiClient}. */
export interface ZapiClient extends ByTarget<ConnectionCalls> {
  /** Creates an instance, at most once: see {@link ZapiOutcomeUnknownError}. */
  createInstance(input: CreateInstanceInputRaw): Promise<CreatedInstance>;
  /**
   * One page of the partner's instances as `{ items, total, totalPages, page, pageSize }`, the
   * gateway's page; counters Z-API left out are derived (see ZapiInstancePage).
   */
  listInstances(input?: ListInstancesInputRaw): Promise<InstancePage>;
  /** The instance with exactly this id (cached for 30 s), or undefined when the partner has none. */
  findInstance(id: string): Promise<InstanceListItem | undefined>;
  /** Every instance whose name is exactly `name` (after trimming, in Unicode NFC), newest first. */
  findInstancesByName(name: string): Promise<InstanceListItem[]>;
  /**
   * Subscribes (pays for) an instance, optionally with calls. Each instance call takes an id or
   * an {@link InstanceRef}; an id the partner does not have fails with ZAPI_NOT_FOUND, unsent.
   */
  subscribeInstance(
    instance: InstanceTarget,
    input?: z.input<typeof SubscribeInstanceInput>,
  ): Promise<void>;
  /** Cancels an instance's subscription; it stays usable until its due date. */
  cancelInstance(instance: InstanceTarget): Promise<void>;
  /** Adds calls to a subscription (they cannot be removed again). */
  enableCalls(instance: InstanceTarget): Promise<void>;
  /** Whether the instance's phone is connected. */
  getInstanceStatus(instance: InstanceTarget): Promise<InstanceStatus>;
  /** The QR code that connects a phone, as an image data URL, unless already connected. */
  getQrCode(instance: InstanceTarget): Promise<QrCode>;
  /** Z-API's own shapes (the list page as Z-API answers it). */
  readonly raw: ZapiRawCalls;
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
  const webhookSchemas = webhookRequestSchemas(baseUrl);
  const http = new HttpTransport({
    baseUrl,
    partnerToken: resolved.partnerToken,
    clientToken: resolved.clientToken,
    timeoutMs: resolved.timeoutMs,
    retry: resolved.retry,
    connections: resolved.connections,
    circuitBreaker: resolved.circuitBreaker,
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

  async function rawListInstances(input: ListInstancesInputRaw = {}): Promise<ZapiInstancePage> {
    const query = parseInput(ListInstancesInput, input, 'listInstances');
    return completePage(await listPage(query), query);
  }

  // Finds tokens by id for the calls that take one; what the list shows is kept for it too.
  const directory = new InstanceDirectory({
    listInstances: async (input) => toInstancePage(await rawListInstances(input)),
  });

  async function listInstances(input: ListInstancesInputRaw = {}): Promise<InstancePage> {
    const page = toInstancePage(await rawListInstances(input));
    for (const item of page.items) directory.remember(item);
    return page;
  }

  /** The id and token of the instance a call acts on; an unknown id fails before anything is sent. */
  async function addressOf(target: InstanceTarget, operation: string): Promise<InstanceRef> {
    if (typeof target !== 'string') return target;
    const id = parseInput(InstanceCredentials.shape.id, target, operation);
    const found = await directory.find(id);
    if (!found) {
      throw new ZapiError(
        'ZAPI_NOT_FOUND',
        `${operation}: id ${JSON.stringify(id)} is not an instance of this partner`,
        { operation },
      );
    }
    return found;
  }

  /** The connection calls, each taking an id as well as an address. */
  function byTarget(calls: ConnectionCalls): ByTarget<ConnectionCalls> {
    const wrapped: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(calls) as [
      string,
      (ref: InstanceAddress, ...rest: unknown[]) => Promise<unknown>,
    ][]) {
      wrapped[name] = async (target: InstanceTarget, ...rest: unknown[]) =>
        call(await addressOf(target, name), ...rest);
    }
    return wrapped as ByTarget<ConnectionCalls>;
  }

  /** Runs a paid or state-changing call, then drops the instance's cached listing. */
  async function changing(target: InstanceTarget, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } finally {
      directory.forget(typeof target === 'string' ? target : target.id);
    }
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
      // `wanted` is trimmed and in NFC (the name rule); names Z-API holds are compared the same way.
      found.push(...result.content.filter((item) => item.name.trim().normalize('NFC') === wanted));
      if (isLastPage(result, asked)) break;
    }
    return found.sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0));
  }

  async function createInstance(raw: CreateInstanceInputRaw): Promise<CreatedInstance> {
    const input = parseInput(webhookSchemas.CreateInstanceInput, raw, 'createInstance');
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
    // So calls by id right after the create need no lookup (Z-API's list may lag behind).
    directory.remember({
      id: created.id,
      name: input.name,
      token: created.token,
      due: created.due,
    });
    return { id: created.id, token: created.token, due: created.due ?? null };
  }

  const outcomeUnknown = (name: string, cause: unknown) =>
    outcomeUnknownByName(findInstancesByName, name, cause);

  const client: ZapiClient = {
    baseUrl: baseUrl.href,
    createInstance,
    listInstances,
    findInstance: (id) => directory.find(id),
    findInstancesByName,
    async subscribeInstance(target, input = {}) {
      const body = parseInput(SubscribeInstanceInput, input, 'subscribeInstance');
      const ref = await addressOf(target, 'subscribeInstance');
      const call = instanceCall(
        'subscribeInstance',
        ref,
        'POST',
        '/instances/{id}/token/{token}/integrator/on-demand/subscription',
        { body, partnerAuth: true },
      );
      await changing(ref, () => exchange(call, OkResponse, 'text'));
    },
    async cancelInstance(target) {
      const ref = await addressOf(target, 'cancelInstance');
      const call = instanceCall(
        'cancelInstance',
        ref,
        'POST',
        '/instances/{id}/token/{token}/integrator/on-demand/cancel',
        { body: {}, partnerAuth: true },
      );
      await changing(ref, () => exchange(call, OkResponse, 'text'));
    },
    async enableCalls(target) {
      const body = parseInput(EnableCallsInput, { withCalls: true }, 'enableCalls');
      const ref = await addressOf(target, 'enableCalls');
      const call = instanceCall('enableCalls', ref, 'PUT', resolved.updatePath, {
        body,
        partnerAuth: true,
      });
      await changing(ref, () => exchange(call, OkResponse, 'text'));
    },
    async getInstanceStatus(target) {
      const ref = await addressOf(target, 'getInstanceStatus');
      return exchange(
        instanceCall('getInstanceStatus', ref, 'GET', '/instances/{id}/token/{token}/status'),
        InstanceStatus,
        'json',
      );
    },
    async getQrCode(target) {
      const ref = await addressOf(target, 'getQrCode');
      return exchange(
        instanceCall('getQrCode', ref, 'GET', '/instances/{id}/token/{token}/qr-code/image'),
        QrCode,
        'json',
      );
    },
    ...byTarget(connectionCalls({ parseInput, instanceCall, exchange, webhookSchemas })),
    raw: { listInstances: rawListInstances },
    close: () => http.close(),
  };
  // The client holds the partner token in a closure; make sure inspecting it shows only this.
  Object.defineProperty(client, inspect.custom, {
    value: () => `ZapiClient { baseUrl: '${baseUrl.href}' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ baseUrl: baseUrl.href }) });
  return client;
}
