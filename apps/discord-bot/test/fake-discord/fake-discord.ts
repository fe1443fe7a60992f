import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  guildObject,
  interactionBase,
  userObject,
  type FakeGuild,
  type FakeMember,
} from './payloads.js';
import { shardOf, snowflake } from './snowflake.js';

/** A REST call the fake received, for assertions (secrets included: the fake is the far side). */
export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The JSON body, or a multipart body's `payload_json` plus its file names. */
  body: unknown;
  raw: string;
  at: number;
}

/** A message the bot wrote: an interaction reply, a follow-up, or a channel message. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    image?: { url: string };
  }[];
  components: {
    type: number;
    components: { custom_id?: string; label?: string; disabled?: boolean; style?: number }[];
  }[];
  attachments: { id: string; filename: string; size: number; content_type?: string }[];
  flags: number;
  /** Bytes of each attached file, by file name. */
  files: Record<string, Buffer>;
  [key: string]: unknown;
}

/** The acknowledgement of an interaction (its callback). */
export interface Callback {
  type: number;
  data?: { flags?: number; choices?: { name: string; value: string }[]; content?: string };
  /** When the callback arrived, on this process's performance clock. */
  at: number;
}

/** One interaction the fake dispatched, and everything the bot answered to it. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  /** When the dispatch was written to the gateway socket, on this process's performance clock. */
  sentAt: number;
  callback?: Callback;
  /** Every version of the original reply, oldest first. */
  edits: FakeMessage[];
  followUps: FakeMessage[];
}

export interface FakeDiscordOptions {
  token: string;
  guilds: FakeGuild[];
  /** How many shards `/gateway/bot` recommends (default 1). */
  shards?: number;
}

interface Shard {
  socket: WebSocket;
  id: number;
  count: number;
  sequence: number;
}

const EPHEMERAL = 64;

/**
 * A small Discord on loopback: the REST routes discord.js and the bot call, and a JSON gateway
 * (HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, dispatches). Not a mock of discord.js:
 * the real client connects to it over HTTP and WebSocket.
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser = {
    id: this.applicationId,
    username: 'zapi-bot',
    discriminator: '0',
    bot: true,
    avatar: null,
    global_name: null,
  };
  readonly guilds: FakeGuild[];
  readonly calls: RecordedCall[] = [];
  readonly interactions = new Map<string, SentInteraction>();
  readonly channelMessages: FakeMessage[] = [];
  /** Commands registered through the bulk overwrite, by scope (`global` or a guild id). */
  readonly registered = new Map<string, unknown[]>();
  readonly identified: { shard: [number, number]; intents: number }[] = [];
  readonly #byToken = new Map<string, SentInteraction>();
  readonly #expired = new Set<string>();
  readonly #shards: Shard[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #http = createServer((request, response) => {
    void this.#handle(request, response);
  });
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly shardCount: number;
  /** How long a reply edit or follow-up waits before it is taken: a slow Discord. */
  webhookLatencyMs = 0;
  #url = '';

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token;
    this.guilds = options.guilds;
    this.shardCount = options.shards ?? 1;
    this.#http.on('upgrade', (request, socket, head) => {
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        this.#gateway(ws);
      });
    });
  }

  /** Starts a fake Discord on a free loopback port. */
  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.#http.listen(0, '127.0.0.1');
    await once(fake.#http, 'listening');
    const { port } = fake.#http.address() as AddressInfo;
    fake.#url = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** The REST base to give the bot as DISCORD_API_URL. */
  get apiUrl(): string {
    return `${this.#url}/api`;
  }

  get gatewayUrl(): string {
    return `${this.#url.replace('http', 'ws')}/gateway`;
  }

  /** Shards that have identified and are connected. */
  get connectedShards(): number[] {
    return this.#shards
      .filter((shard) => shard.socket.readyState === shard.socket.OPEN)
      .map((shard) => shard.id);
  }

  /** Sends a slash command as `member` in `guild` (the first guild by default). */
  command(
    name: string,
    options: Record<string, string | number | boolean>,
    as: { member: FakeMember; guild?: FakeGuild; locale?: string; session?: number },
  ): SentInteraction {
    const payload = {
      ...this.#base(as),
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 1,
        guild_id: (as.guild ?? this.#firstGuild()).id,
        options: Object.entries(options).map(([option, value]) => ({
          name: option,
          type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
          value,
        })),
      },
    };
    return this.dispatch(payload, as.session);
  }

  /** Sends an autocomplete request for the option `focused` of a command. */
  autocomplete(
    name: string,
    focused: string,
    value: string,
    as: { member: FakeMember; guild?: FakeGuild; locale?: string },
  ): SentInteraction {
    const payload = {
      ...this.#base(as),
      type: 4,
      data: {
        id: snowflake(),
        name,
        type: 1,
        options: [{ name: focused, type: 3, value, focused: true }],
      },
    };
    return this.dispatch(payload);
  }

  /** Presses the button `customId` under `message`, as `member`. */
  press(
    message: FakeMessage,
    customId: string,
    as: { member: FakeMember; guild?: FakeGuild; locale?: string },
  ): SentInteraction {
    const present = message.components.some((row) =>
      row.components.some(
        (component) => component.custom_id === customId && component.disabled !== true,
      ),
    );
    if (!present) throw new Error(`No enabled button ${customId} under that message`);
    const { files: _files, ...wire } = message;
    const payload = {
      ...this.#base(as),
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: wire,
    };
    return this.dispatch(payload);
  }

  /**
   * Writes an INTERACTION_CREATE to the shard that owns the interaction's guild: its newest
   * session, or the `session`-th (0 first) when several processes identified as that shard.
   */
  dispatch(
    payload: Record<string, unknown> & { id: string; token: string; guild_id: string },
    session?: number,
  ): SentInteraction {
    const shard = this.#shardFor(payload.guild_id, session);
    const sent: SentInteraction = {
      id: payload.id,
      token: payload.token,
      payload,
      sentAt: performance.now(),
      edits: [],
      followUps: [],
    };
    this.interactions.set(sent.id, sent);
    this.#byToken.set(sent.token, sent);
    this.#send(shard, { op: 0, t: 'INTERACTION_CREATE', d: payload });
    return sent;
  }

  /**
   * Delivers the same interaction again, as Discord may after a reconnect: to the newest session
   * of its shard, or to the `session`-th (another process that identified as that shard).
   */
  redeliver(sent: SentInteraction, session?: number): void {
    this.#send(this.#shardFor(sent.payload.guild_id as string, session), {
      op: 0,
      t: 'INTERACTION_CREATE',
      d: sent.payload,
    });
  }

  /** Makes the interaction's token refuse further edits, as after its 15 minutes. */
  expire(sent: SentInteraction): void {
    this.#expired.add(sent.token);
  }

  /** Resolves once `check` returns a value, re-checking after every REST call. */
  async waitFor<T>(check: () => T | undefined, timeoutMs = 10_000, what = 'the bot'): Promise<T> {
    const first = check();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(value);
      };
      this.#waiters.add(wake);
    });
  }

  /** The interaction's acknowledgement, once it arrives. */
  ack(sent: SentInteraction, timeoutMs?: number): Promise<Callback> {
    return this.waitFor(() => sent.callback, timeoutMs, `the acknowledgement of ${sent.id}`);
  }

  /** The reply's first edit after the acknowledgement (the deferred reply's result). */
  reply(sent: SentInteraction, timeoutMs?: number): Promise<FakeMessage> {
    return this.waitFor(() => sent.edits.at(-1), timeoutMs, `the reply to ${sent.id}`);
  }

  /** The first follow-up message of an interaction. */
  followUp(sent: SentInteraction, timeoutMs?: number): Promise<FakeMessage> {
    return this.waitFor(() => sent.followUps[0], timeoutMs, `a follow-up to ${sent.id}`);
  }

  /** Resolves once `count` shards have identified. */
  ready(count = this.shardCount, timeoutMs = 20_000): Promise<void> {
    return this.waitFor(
      () => (this.identified.length >= count ? true : undefined),
      timeoutMs,
      'the bot to identify',
    ).then(() => undefined);
  }

  async close(): Promise<void> {
    for (const shard of this.#shards) shard.socket.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise((resolve) => this.#http.close(resolve));
  }

  /** What every interaction from `as` carries besides its type and data. */
  #base(as: { member: FakeMember; guild?: FakeGuild; locale?: string }) {
    return interactionBase({
      applicationId: this.applicationId,
      guild: as.guild ?? this.#firstGuild(),
      member: as.member,
      // The locale of the member's Discord client; en-US unless the call or the member says.
      ...(as.locale ? { locale: as.locale } : as.member.locale ? { locale: as.member.locale } : {}),
    });
  }

  #firstGuild(): FakeGuild {
    const guild = this.guilds[0];
    if (!guild) throw new Error('The fake has no guild');
    return guild;
  }

  #open(): Shard[] {
    return this.#shards.filter((shard) => shard.socket.readyState === shard.socket.OPEN);
  }

  #shardFor(guildId: string, session?: number): Shard {
    const id = shardOf(guildId, this.shardCount);
    const sessions = this.#open().filter((candidate) => candidate.id === id);
    const shard = session === undefined ? sessions.at(-1) : sessions[session];
    if (!shard) throw new Error(`Shard ${id} (session ${session ?? 'newest'}) is not connected`);
    return shard;
  }

  #send(shard: Shard, payload: { op: number; t?: string; d: unknown }): void {
    const s = payload.op === 0 ? ++shard.sequence : null;
    shard.socket.send(JSON.stringify({ ...payload, s, t: payload.t ?? null }));
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  #gateway(socket: WebSocket): void {
    const shard: Shard = { socket, id: -1, count: 1, sequence: 0 };
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as {
        op: number;
        d: Record<string, unknown> | null;
      };
      if (message.op === 1) {
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (message.op === 2) {
        const d = message.d ?? {};
        if (d.token !== this.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const [id, count] = (d.shard as [number, number] | undefined) ?? [0, 1];
        shard.id = id;
        shard.count = count;
        this.#shards.push(shard);
        this.identified.push({ shard: [id, count], intents: Number(d.intents) });
        const mine = this.guilds.filter((guild) => shardOf(guild.id, count) === id);
        this.#send(shard, {
          op: 0,
          t: 'READY',
          d: {
            v: 10,
            user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0 },
            guilds: mine.map((guild) => ({ id: guild.id, unavailable: true })),
            session_id: `fake-session-${snowflake()}`,
            resume_gateway_url: this.gatewayUrl,
            shard: [id, count],
            application: { id: this.applicationId, flags: 0 },
            private_channels: [],
            relationships: [],
            presences: [],
            guild_join_requests: [],
            user_settings: {},
          },
        });
        for (const guild of mine) {
          this.#send(shard, { op: 0, t: 'GUILD_CREATE', d: guildObject(guild, this.botUser.id) });
        }
        this.#wake();
      } else if (message.op === 6) {
        // Resuming is not simulated: ask for a fresh identify.
        socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      }
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.#url);
    const path = decodeURIComponent(url.pathname);
    const method = request.method ?? 'GET';
    const { body, files } = await parseBody(request, raw);
    this.calls.push({
      method,
      path: url.pathname + url.search,
      authorization: request.headers.authorization,
      body,
      raw: raw.toString('latin1'),
      at: performance.now(),
    });
    if (this.webhookLatencyMs > 0 && path.startsWith('/api/v10/webhooks/')) {
      await new Promise((resolve) => setTimeout(resolve, this.webhookLatencyMs));
      // A client that went away meanwhile (a bot that exited) never delivered its reply.
      if (request.socket.destroyed) return;
    }
    try {
      const answer = this.#route(method, path, request.headers.authorization, body, files);
      response.writeHead(
        answer.status,
        answer.body === undefined ? {} : { 'content-type': 'application/json' },
      );
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    } finally {
      this.#wake();
    }
  }

  #route(
    method: string,
    path: string,
    authorization: string | undefined,
    body: unknown,
    files: Record<string, Buffer>,
  ): { status: number; body?: unknown } {
    const botAuth = authorization === `Bot ${this.token}`;
    const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      if (!botAuth) return unauthorized;
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.shardCount,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 14_400_000,
            max_concurrency: 1,
          },
        },
      };
    }
    if (method === 'GET' && path === '/api/v10/applications/@me') {
      if (!botAuth) return unauthorized;
      return {
        status: 200,
        body: { id: this.applicationId, name: 'zapi-bot', bot: this.botUser, flags: 0 },
      };
    }
    if (
      method === 'PUT' &&
      (match = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))
    ) {
      if (!botAuth) return unauthorized;
      if (match[1] !== this.applicationId)
        return { status: 404, body: { message: 'Unknown Application', code: 10002 } };
      const commands = (body as Record<string, unknown>[]).map((command) => ({
        ...command,
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        ...(match?.[2] ? { guild_id: match[2] } : {}),
      }));
      this.registered.set(match[2] ?? 'global', commands);
      return { status: 200, body: commands };
    }
    if (
      method === 'POST' &&
      (match = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))
    ) {
      const sent = this.interactions.get(match[1] ?? '');
      if (!sent || sent.token !== match[2])
        return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
      if (sent.callback)
        return {
          status: 400,
          body: { message: 'Interaction has already been acknowledged.', code: 40060 },
        };
      sent.callback = { ...(body as Omit<Callback, 'at'>), at: performance.now() };
      return { status: 204 };
    }
    if (
      (match = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))
    ) {
      const sent = this.#byToken.get(match[2] ?? '');
      if (match[1] !== this.applicationId || !sent)
        return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      if (this.#expired.has(sent.token))
        return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
      if (!sent.callback) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      const ephemeral =
        ((sent.callback.data?.flags ?? 0) & EPHEMERAL) !== 0 || sent.callback.type === 6;
      if (method === 'PATCH' && match[3] === '@original') {
        const previous =
          sent.edits.at(-1) ??
          (sent.callback.type === 6
            ? (sent.payload.message as FakeMessage | undefined)
            : undefined);
        const message = this.#message(
          body,
          files,
          sent.payload.channel_id as string,
          previous,
          ephemeral ? EPHEMERAL : 0,
        );
        sent.edits.push(message);
        return { status: 200, body: wire(message) };
      }
      if (method === 'POST' && match[3] === undefined) {
        const flags = (body as { flags?: number }).flags ?? 0;
        const message = this.#message(
          body,
          files,
          sent.payload.channel_id as string,
          undefined,
          flags,
        );
        sent.followUps.push(message);
        return { status: 200, body: wire(message) };
      }
    }
    if (method === 'POST' && (match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!botAuth) return unauthorized;
      const message = this.#message(body, files, match[1] ?? '', undefined, 0);
      this.channelMessages.push(message);
      return { status: 200, body: wire(message) };
    }
    return {
      status: 404,
      body: { message: `404: Not Found (the fake does not serve ${method} ${path})`, code: 0 },
    };
  }

  #message(
    body: unknown,
    files: Record<string, Buffer>,
    channelId: string,
    previous: FakeMessage | undefined,
    flags: number,
  ): FakeMessage {
    const data = (body ?? {}) as {
      content?: string;
      embeds?: FakeMessage['embeds'];
      components?: FakeMessage['components'];
      attachments?: { id: string | number; filename?: string }[];
    };
    const attachments = (data.attachments ?? previous?.attachments ?? []).map(
      (attachment, index) => {
        const filename = attachment.filename ?? Object.keys(files)[index] ?? `file-${index}`;
        const bytes = files[filename];
        return {
          id: String(attachment.id),
          filename,
          size: bytes?.length ?? 0,
          content_type: 'image/png',
        };
      },
    );
    return {
      id: previous?.id ?? snowflake(),
      type: 0,
      channel_id: channelId,
      author: this.botUser,
      content: data.content ?? previous?.content ?? '',
      embeds: data.embeds ?? previous?.embeds ?? [],
      components: data.components ?? previous?.components ?? [],
      attachments,
      files: { ...(previous?.files ?? {}), ...files },
      flags,
      timestamp: new Date().toISOString(),
      edited_timestamp: previous ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
    };
  }
}

/** A message as the REST API returns it (without the fake's own bookkeeping). */
function wire(message: FakeMessage): Record<string, unknown> {
  const { files: _files, ...rest } = message;
  return rest;
}

async function parseBody(
  request: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: Record<string, Buffer> }> {
  const type = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: {} };
  if (type.startsWith('multipart/form-data')) {
    // The fake reads only the bot's own small multipart bodies; no streaming parser needed.
    const multipart = new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await multipart.formData();
    const files: Record<string, Buffer> = {};
    let body: unknown;
    for (const [key, value] of form) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
      else if (typeof value !== 'string')
        files[value.name] = Buffer.from(await value.arrayBuffer());
    }
    return { body, files };
  }
  if (type.startsWith('application/json'))
    return { body: JSON.parse(raw.toString('utf8')), files: {} };
  return { body: raw.toString('utf8'), files: {} };
}

export { userObject };
export type { FakeGuild, FakeMember };
