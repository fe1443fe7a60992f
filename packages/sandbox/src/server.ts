import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInstanceFields, WEBHOOK_FIELDS, WEBHOOK_ROUTES } from '@zapikit/schema';
import { CallbackSender, type CallbackDelivery } from './callback-sender.js';
import { controlReply } from './control.js';
import { writeDate, type SandboxDateFormat } from './date-format.js';
import { FaultInjector, type RequestFault } from './faults.js';
import { QR_ROTATION_MS, qrCodeDataUrl, qrCodePng, qrCodeText } from './qr-code.js';
import type { Reply } from './reply.js';
import { matchRoute, type MatchedRoute, type RouteName } from './routes.js';
import { SimulatedPhone } from './simulated-phone.js';
import { InstanceStore, type SandboxInstance } from './state.js';
import { acceptedWebhookUrl } from './webhook-url.js';

/** How to start a sandbox. */
export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; loopback by default. */
  host?: string;
  /** The partner token it accepts; a random one when absent. */
  partnerToken?: string;
  /** When set, every request must carry this `Client-Token` header, as with Z-API's account security token. */
  clientToken?: string;
  /** How answers write dates (default `millis`, as today's Z-API docs show); see SANDBOX_DATE_FORMATS. */
  dateFormat?: SandboxDateFormat;
  /**
   * Whether create writes an epoch `due` as a digit string (default, as the create page shows) or
   * a number; the list always writes numbers. Ignored for the `iso` and `empty` date formats.
   */
  createDueFormat?: 'string' | 'number';
  /** The clock, for tests of the trial's expiry and QR rotation. */
  now?: () => number;
  /** How many recent requests `requests` keeps (default 10 000); counts are never dropped. */
  maxRecordedRequests?: number;
  /** How many instances it keeps before forgetting the oldest (default 10 000). */
  maxInstances?: number;
  /** How often the QR code changes (default 20 s, as on Z-API); short in tests of rotation. */
  qrRotationMs?: number;
}

/** A request as the sandbox saw it. */
export interface RecordedRequest {
  route: RouteName | undefined;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body, parsed as JSON when it was JSON, else the raw text (undefined when empty). */
  body: unknown;
  /** The status answered; undefined while pending, or when the connection was reset or hung. */
  status?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL to give a client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  partnerToken: string;
  /** The most recent requests, oldest first. */
  requests: RecordedRequest[];
  /** How many requests reached this endpoint with its own method (every one when no route). */
  count(route?: RouteName): number;
  faults: FaultInjector;
  instances: InstanceStore;
  /**
   * Simulates a phone scanning the instance's QR code (`phone` in international digits; one
   * derived from the id when absent), as `POST /__sandbox/instances/{id}/connect` does: the
   * status, `/me` and the list show it, and a ConnectedCallback goes to the instance's webhook.
   * False when there is no such instance.
   */
  connectInstance(id: string, phone?: string): boolean;
  /** Simulates the phone going away, with a DisconnectedCallback; false when no such instance. */
  disconnectInstance(id: string): boolean;
  /** The callbacks sent (or dropped by a fault), oldest first. */
  callbacks: CallbackDelivery[];
  /** Resolves once every callback sent so far was answered or failed. */
  callbacksSettled(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const URL_FIELDS = new Set(createInstanceFields.filter((f) => f.kind === 'url').map((f) => f.name));
const WEBHOOK_BY_ROUTE = new Map<string, string>(
  WEBHOOK_FIELDS.map((field) => [WEBHOOK_ROUTES[field].slice('update-webhook-'.length), field]),
);
const HTTPS_ONLY = 'only https webhooks are accepted';

/** Starts an in-memory simulator of Z-API's partner API on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const partnerToken = options.partnerToken ?? `sandbox-${randomBytes(16).toString('hex')}`;
  const now = options.now ?? Date.now;
  const dateFormat = options.dateFormat ?? 'millis';
  const createDueAsText = options.createDueFormat !== 'number';
  const maxRecorded = options.maxRecordedRequests ?? 10_000;
  const store = new InstanceStore(now, options.maxInstances);
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const counts = new Map<RouteName | 'all', number>();
  const closing = new AbortController();
  const qrRotationMs = options.qrRotationMs ?? QR_ROTATION_MS;
  const sender = new CallbackSender(faults, closing.signal, maxRecorded);
  const phone = new SimulatedPhone(store, sender, now, dateFormat);

  const bump = (key: RouteName | 'all') => counts.set(key, (counts.get(key) ?? 0) + 1);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const matched = matchRoute(url.pathname, req.method);
    const raw = await readBody(req);
    if (matched?.control && req.method === matched.method) {
      writeReply(res, control(req, matched, raw));
      return;
    }
    const record: RecordedRequest = {
      route: matched?.route,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      body: parseBody(raw),
    };
    requests.push(record);
    if (requests.length > maxRecorded) requests.shift();
    bump('all');
    if (matched && req.method === matched.method) bump(matched.route);

    const send = (reply: Reply) => {
      record.status = reply.status;
      writeReply(res, reply);
    };

    const refused =
      raw === undefined
        ? { status: 413, body: { error: 'Payload Too Large' } }
        : !matched
          ? { status: 404, body: { error: 'Not Found' } }
          : req.method !== matched.method
            ? {
                status: 405,
                body: { error: 'Method Not Allowed' },
                headers: { allow: matched.method },
              }
            : checkAccess(req, matched);
    if (refused || !matched || raw === undefined) {
      send(refused ?? { status: 500 });
      return;
    }

    const instance =
      matched.id !== undefined && matched.token !== undefined
        ? store.find(matched.id, matched.token)
        : undefined;
    const instanceName = matched.route === 'create' ? nameOf(record.body) : instance?.name;

    const before = faults.take(matched.route, 'before', instanceName);
    if (before && !(await applyFault(before, req, res, record))) return;

    const reply = await route(matched, url.searchParams, instance, record.body, raw);

    const after = faults.take(matched.route, 'after', instanceName);
    if (after && !(await applyFault(after, req, res, record))) return;
    send(reply);
  }

  // The control surface is the sandbox's own: partner token only, never faulted or recorded, and
  // a POST may come without a body.
  function control(req: IncomingMessage, matched: MatchedRoute, raw: string | undefined): Reply {
    if (raw === undefined) return { status: 413, body: { error: 'Payload Too Large' } };
    if (req.headers.authorization !== `Bearer ${partnerToken}`) {
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    if (raw.trim() !== '' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return { status: 415, body: { error: 'Unsupported Media Type' } };
    }
    return controlReply(matched, parseBody(raw), { store, phone, faults });
  }

  function checkAccess(req: IncomingMessage, matched: MatchedRoute): Reply | undefined {
    if (options.clientToken !== undefined) {
      const sent = req.headers['client-token'];
      if (sent === undefined || sent === '') {
        return { status: 400, body: { error: 'your client-token is not configured' } };
      }
      if (sent !== options.clientToken) {
        // Z-API echoes the wrong token back; so does the sandbox, so clients prove they redact it.
        return { status: 403, body: { error: `Client-Token ${String(sent)} not allowed` } };
      }
    }
    if (matched.partnerAuth && req.headers.authorization !== `Bearer ${partnerToken}`) {
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    if (
      matched.method !== 'GET' &&
      !/^application\/json\b/i.test(req.headers['content-type'] ?? '')
    ) {
      return { status: 415, body: { error: 'Unsupported Media Type' } };
    }
    return undefined;
  }

  async function route(
    matched: MatchedRoute,
    params: URLSearchParams,
    instance: SandboxInstance | undefined,
    body: unknown,
    raw: string,
  ): Promise<Reply> {
    if (matched.route === 'create') return create(body, raw);
    if (matched.route === 'list') return list(params);
    if (!instance) return { status: 404, body: { error: 'Instance not found' } };
    switch (matched.route) {
      case 'subscribe': {
        const withCalls = isRecord(body) && body.withCalls === true;
        store.subscribe(instance, withCalls);
        return { status: 201, body: 'OK' };
      }
      case 'cancel':
        store.cancel(instance);
        return { status: 201, body: 'OK' };
      case 'update':
        if (!isRecord(body) || body.withCalls !== true) {
          return { status: 400, body: { error: 'withCalls must be true' } };
        }
        if (instance.paymentStatus !== 'PAID') {
          return { status: 400, body: { error: 'Instance is not subscribed' } };
        }
        instance.withCalls = true;
        return { status: 201, body: 'OK' };
      case 'status':
        return {
          status: 200,
          body: instance.whatsappConnected
            ? { connected: true, error: null, smartphoneConnected: true }
            : { connected: false, error: 'You are not connected.', smartphoneConnected: false },
        };
      case 'qr-code-image':
        if (instance.whatsappConnected) return ALREADY_CONNECTED;
        return {
          status: 200,
          body: { value: await qrCodeDataUrl(qrCodeText(instance.id, now(), qrRotationMs)) },
        };
      case 'qr-code':
        if (instance.whatsappConnected) return ALREADY_CONNECTED;
        return {
          status: 200,
          body: await qrCodePng(qrCodeText(instance.id, now(), qrRotationMs)),
          headers: { 'content-type': 'image/png' },
        };
      case 'phone-code':
        return { status: 200, body: { code: pairingCode(instance.id, matched.phone ?? '') } };
      case 'restart':
        // Z-API: "reconnects without a new scan"; a connected phone stays connected.
        return VALUE_TRUE;
      case 'disconnect':
        phone.disconnect(instance);
        return VALUE_TRUE;
      case 'me':
        return { status: 200, body: me(instance) };
      default:
        return updateWebhooks(matched, instance, body);
    }
  }

  function me(instance: SandboxInstance): Record<string, unknown> {
    const { attributes } = instance;
    const {
      tenant: _tenant,
      middleware: _middleware,
      ...listed
    } = InstanceStore.toListItem(instance);
    return {
      ...listed,
      created: writeDate(instance.created, dateFormat),
      due: writeDate(instance.due, dateFormat),
      connected: instance.whatsappConnected,
      // Not on Z-API's /me page; answered so tools can show which phone connected (null: none).
      phone: instance.phone,
      initialDataCallbackUrl: null,
      receiveCallbackSentByMe: attributes.notifySentByMe === true,
      callRejectAuto: attributes.callRejectAuto === true,
      callRejectMessage:
        typeof attributes.callRejectMessage === 'string' ? attributes.callRejectMessage : null,
      autoReadMessage: attributes.autoReadMessage === true,
    };
  }

  function updateWebhooks(matched: MatchedRoute, instance: SandboxInstance, body: unknown): Reply {
    if (!isRecord(body)) return { status: 400, body: { error: 'body is required' } };
    if (matched.route === 'update-notify-sent-by-me') {
      if (typeof body.notifySentByMe !== 'boolean') {
        return { status: 400, body: { error: 'notifySentByMe must be true or false' } };
      }
      instance.attributes.notifySentByMe = body.notifySentByMe;
      return VALUE_TRUE;
    }
    if (!acceptedWebhookUrl(body.value)) return { status: 400, body: { error: HTTPS_ONLY } };
    if (matched.route === 'update-every-webhooks') {
      for (const field of WEBHOOK_FIELDS) instance.attributes[field] = body.value;
      if (typeof body.notifySentByMe === 'boolean') {
        instance.attributes.notifySentByMe = body.notifySentByMe;
      }
      return VALUE_TRUE;
    }
    const field = WEBHOOK_BY_ROUTE.get(matched.webhook ?? '');
    if (field === undefined) return { status: 404, body: { error: 'Not Found' } };
    instance.attributes[field] = body.value;
    return VALUE_TRUE;
  }

  function create(body: unknown, raw: string): Reply {
    if (!isRecord(body)) {
      return {
        status: 400,
        body: { error: raw.trim() === '' ? 'body is required' : 'Invalid JSON body' },
      };
    }
    if (typeof body.name !== 'string' || body.name.trim() === '') {
      return { status: 400, body: { error: 'name is required' } };
    }
    for (const [key, value] of Object.entries(body)) {
      if (URL_FIELDS.has(key) && value != null && !acceptedWebhookUrl(value)) {
        return { status: 400, body: { error: `${key}: ${HTTPS_ONLY}` } };
      }
    }
    const instance = store.create(body);
    const due = writeDate(instance.due, dateFormat, createDueAsText);
    return { status: 200, body: { id: instance.id, token: instance.token, due } };
  }

  function list(params: URLSearchParams): Reply {
    const page = positiveInt(params.get('page'), 1);
    const pageSize = positiveInt(params.get('pageSize'), 10);
    if (page === undefined || pageSize === undefined) {
      return { status: 400, body: { error: 'page and pageSize must be positive integers' } };
    }
    const query = params.get('query')?.trim().toLowerCase() ?? '';
    const middleware = params.get('middleware');
    const matching = store
      .all()
      .filter(
        (i) =>
          query === '' ||
          i.name.toLowerCase().includes(query) ||
          i.id.toLowerCase().includes(query),
      )
      .filter((i) => !middleware || i.middleware === middleware);
    const content = matching.slice((page - 1) * pageSize, page * pageSize).map((instance) => ({
      ...InstanceStore.toListItem(instance),
      created: writeDate(instance.created, dateFormat),
      due: writeDate(instance.due, dateFormat),
    }));
    return {
      status: 200,
      body: {
        total: matching.length,
        totalPage: Math.ceil(matching.length / pageSize),
        pageSize,
        page,
        content,
      },
    };
  }

  async function applyFault(
    fault: RequestFault,
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.ms, undefined, { signal: closing.signal }).catch(() => undefined);
        return !closing.signal.aborted;
      case 'status':
        record.status = fault.status;
        writeReply(res, {
          status: fault.status,
          body: fault.body,
          ...(fault.headers ? { headers: fault.headers } : {}),
        });
        return false;
      case 'rate-limit':
        record.status = 429;
        writeReply(res, {
          status: 429,
          body: { error: 'Too Many Requests' },
          headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        });
        return false;
      case 'malformed':
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "3C7A1B", "tok');
        return false;
      case 'reset':
        req.socket.destroy();
        return false;
      case 'hang':
        return false;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: { error: String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    partnerToken,
    requests,
    count: (route) => counts.get(route ?? 'all') ?? 0,
    faults,
    instances: store,
    connectInstance: (id, phoneNumber) => {
      const instance = store.get(id);
      if (instance) phone.connect(instance, phoneNumber);
      return instance !== undefined;
    },
    disconnectInstance: (id) => {
      const instance = store.get(id);
      if (instance) phone.disconnect(instance);
      return instance !== undefined;
    },
    callbacks: sender.deliveries,
    callbacksSettled: () => sender.settled(),
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await closed;
    },
  };
}

// Z-API refuses a QR code once a phone is connected; its status call words it so.
const ALREADY_CONNECTED: Reply = {
  status: 200,
  body: { connected: true, error: 'You are already connected.' },
};
const VALUE_TRUE: Reply = { status: 200, body: { value: true } };

function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  let payload: string | Buffer;
  let contentType: string;
  if (Buffer.isBuffer(reply.body)) {
    payload = reply.body;
    contentType = 'application/octet-stream';
  } else if (typeof reply.body === 'string') {
    payload = reply.body;
    contentType = 'text/plain; charset=utf-8';
  } else {
    payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    contentType = 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
  res.end(payload);
}

// Resolves to undefined when the body exceeds the cap, so the caller answers 413.
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.name === 'string' ? body.name : undefined;
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
}

function pairingCode(id: string, phone: string): string {
  const text = `${id}:${phone}`;
  let seed = 7;
  for (let index = 0; index < text.length; index += 1)
    seed = (seed * 31 + text.charCodeAt(index)) >>> 0;
  const code = seed.toString(36).toUpperCase().padStart(8, 'X').slice(0, 8);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
