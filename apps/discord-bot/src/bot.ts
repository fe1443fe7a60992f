import { InstanceDirectory, type ZapiClient } from '@zapikit/client';
import { Client, Events, GatewayIntentBits, MessageFlags, Options } from 'discord.js';
import type { Logger } from 'pino';
import type { AccessPolicy } from './access.js';
import type { BotContext } from './context.js';
import { Guards } from './guards.js';
import { memberMessages } from './i18n/index.js';
import type { GuardStore } from './state/guard-store.js';
import { SuggestionSearches } from './suggestions.js';
import { handleInteraction } from './interactions.js';
import type { BotMetrics } from './metrics.js';
import { DEFAULT_CONNECT_POLL_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './commands/connect.js';
import type { ConnectionEvents } from './connection-events.js';
import { eventsChannel, type EventsChannelOptions } from './events-channel.js';
import { Leadership } from './state/leadership.js';

/** What a bot needs: where Discord is, the Z-API client, and its rules. */
export interface BotOptions {
  discordToken: string;
  /** REST base, such as `https://discord.com/api`. */
  discordApiUrl: string;
  zapi: ZapiClient;
  sandbox: boolean;
  logger: Logger;
  access: AccessPolicy;
  paidCooldownMs: number;
  /** Where the guards keep their records: memory, or Redis shared with other processes. */
  store: GuardStore;
  /** How long a create or subscription may stay in flight before its claim is taken as cut off. */
  claimLeaseMs: number;
  /** Counts every interaction; pass the one whose `onZapiCall` the client reports to. */
  metrics?: BotMetrics;
  /** How `/zapi-connect` follows an instance (default: 5 minutes, asking every 5 s). */
  connect?: { timeoutMs: number; pollMs: number };
  /** Where connects and disconnects are posted (DISCORD_EVENTS_CHANNEL_ID); none when absent. */
  events?: EventsChannelOptions;
}

/** How long a stop waits for interactions in flight by default (DISCORD_DRAIN_SECONDS). */
export const DEFAULT_DRAIN_MS = 10_000;
/** How long, past the drain deadline, the answers to what was still waiting may take. */
export const ANSWER_MS = 5_000;

/** Resolves once every promise has settled, or after `ms`, whichever comes first. */
async function settledWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** A bot, not yet logged in. */
export interface Bot {
  client: Client;
  /** Logs in and resolves once Discord reports ready. */
  start(): Promise<void>;
  /**
   * Stops taking interactions and waits up to `drainMs` for those in flight. Past it, every
   * one still waiting is answered (a paid call: outcome unknown, its name or instance held),
   * with up to `answerMs` to deliver the answers; then it disconnects.
   */
  stop(drainMs?: number, answerMs?: number): Promise<void>;
}

/** Builds the discord.js client and wires every interaction to the router. */
export function createBot(options: BotOptions): Bot {
  const client = new Client({
    // Interactions arrive without any intent; Guilds keeps roles and channels cached.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      api: options.discordApiUrl,
      // @discordjs/rest sends through undici 6's request(), which uses the process-wide
      // dispatcher; the Z-API client's undici 7 installs its own there, and that one cannot
      // encode undici 6's multipart bodies (any reply with a file). Node's fetch encodes the
      // body itself before dispatching, so it works with either.
      makeRequest: (url, init) => fetch(url, init as unknown as RequestInit),
    },
    allowedMentions: { parse: [] },
    // Every member who ever used a command would otherwise stay cached for the process's life.
    // The bot reads members and messages from each interaction's own payload, so small caches
    // cost nothing and keep memory flat.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: {
        maxSize: 200,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: 200,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
  });
  const drain = new AbortController();
  const watching = new AbortController();
  const context: BotContext = {
    zapi: options.zapi,
    instances: new InstanceDirectory(options.zapi),
    sandbox: options.sandbox,
    logger: options.logger,
    access: options.access,
    guards: new Guards({
      store: options.store,
      cooldownMs: options.paidCooldownMs,
      leaseMs: options.claimLeaseMs,
      onReleaseFailed: (error) => {
        options.logger.warn(
          { err: error },
          'could not release a claim in the guard store: it ends with its lease, then holds like an unknown outcome',
        );
      },
    }),
    drain: drain.signal,
    watching: watching.signal,
    connect: options.connect ?? {
      timeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      pollMs: DEFAULT_CONNECT_POLL_MS,
    },
    suggestions: new SuggestionSearches(options.zapi),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let events: ConnectionEvents | undefined;
  let leadership: Leadership | undefined;

  /**
   * Starts the events channel's watcher in the one process that should post. With Redis, every
   * process competes for a lease renewed at each poll (one posts; another takes over within
   * three polls of its end). Without Redis, the process holding shard 0 posts, and the others
   * do not poll at all.
   */
  function startEvents(settings: EventsChannelOptions): void {
    let leads: () => Promise<boolean>;
    if (options.store.kind === 'redis') {
      const lease = new Leadership(
        options.store,
        'events-channel',
        Math.max(settings.pollMs * 3, 5_000),
      );
      leadership = lease;
      leads = () => lease.lead();
    } else {
      const shards = client.shard?.ids ?? [0];
      if (!shards.includes(0)) {
        options.logger.info(
          { shards },
          'events channel: posted by the process of shard 0 (no REDIS_URL to elect one)',
        );
        return;
      }
      leads = () => Promise.resolve(true);
    }
    events = eventsChannel({
      client,
      zapi: options.zapi,
      sandbox: options.sandbox,
      logger: options.logger,
      events: settings,
      leads,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    events.start();
    options.logger.info(
      {
        channelId: settings.channelId,
        pollMs: settings.pollMs,
        flapMs: settings.flapMs,
        election: options.store.kind === 'redis' ? 'redis lease' : 'shard 0',
      },
      'events channel: watching the connection of every instance',
    );
  }

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) {
      if (interaction.isRepliable()) {
        interaction
          .reply({
            content: memberMessages(interaction).errors.restarting(),
            flags: MessageFlags.Ephemeral,
          })
          .catch(() => undefined);
      }
      return;
    }
    const handled = handleInteraction(interaction, context).catch((error: unknown) => {
      options.logger.error(
        { err: error, interactionId: interaction.id },
        'could not answer an interaction',
      );
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  client.on(Events.Error, (error) => {
    options.logger.error({ err: error }, 'discord.js error');
  });
  client.on(Events.ShardError, (error, shardId) => {
    options.logger.warn({ err: error, shardId }, 'gateway connection error; discord.js reconnects');
  });

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => {
        client.once(Events.ClientReady, (ready) => {
          options.logger.info(
            {
              user: ready.user.tag,
              applicationId: ready.application.id,
              guilds: ready.guilds.cache.size,
              shards: ready.ws.shards.map((shard) => shard.id),
              sandbox: options.sandbox,
            },
            `Discord bot ready as ${ready.user.tag}${options.sandbox ? ' (SANDBOX)' : ''}`,
          );
          resolve();
        });
      });
      await client.login(options.discordToken);
      await ready;
      if (options.events) startEvents(options.events);
    },
    async stop(drainMs = DEFAULT_DRAIN_MS, answerMs = ANSWER_MS) {
      stopping = true;
      // Replies that follow an instance say so and end now; the events watcher stops polling.
      watching.abort();
      await events?.stop();
      await leadership?.resign();
      if (inFlight.size > 0) {
        options.logger.info({ inFlight: inFlight.size }, 'waiting for interactions in flight');
      }
      await settledWithin([...inFlight], drainMs);
      if (inFlight.size > 0) {
        options.logger.warn(
          { inFlight: inFlight.size, drainMs },
          'drain deadline: answering the interactions still waiting',
        );
        drain.abort();
        await settledWithin([...inFlight], answerMs);
      }
      await client.destroy();
    },
  };
}
