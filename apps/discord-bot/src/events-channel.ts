import { Routes, type APIEmbed, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { ZapiClient } from '@zapikit/client';
import { COLOURS, discordTime, displayName, labelled } from './commands/shared.js';
import { duration, EVENT_WORDS, instanceLabel, shownPhone } from './connect-messages.js';
import { ConnectionEvents, type ConnectionEvent } from './connection-events.js';
import type { BotMetrics } from './metrics.js';

/** Where and how often connection events are posted (DISCORD_EVENTS_*, DISCORD_FLAP_SECONDS). */
export interface EventsChannelOptions {
  channelId: string;
  pollMs: number;
  flapMs: number;
}

/** One event as the embed posted to the events channel: names, ids, phone, time; no token. */
export function eventEmbed(
  event: ConnectionEvent,
  context: { sandbox: boolean; flapMs: number },
): APIEmbed {
  const connected = event.kind === 'connected';
  return labelled(
    {
      title: connected ? EVENT_WORDS.connectedTitle : EVENT_WORDS.disconnectedTitle,
      color: connected ? COLOURS.ok : COLOURS.danger,
      ...(connected || context.flapMs === 0
        ? {}
        : { description: EVENT_WORDS.disconnectedNote(duration(context.flapMs)) }),
      fields: [
        {
          name: EVENT_WORDS.instanceField,
          value: instanceLabel(displayName(event.instanceName), event.instanceId),
        },
        ...(event.phone === undefined
          ? []
          : [{ name: EVENT_WORDS.phoneField, value: shownPhone(event.phone), inline: true }]),
        { name: EVENT_WORDS.sinceField, value: discordTime(event.at, 'f'), inline: true },
      ],
      timestamp: event.at.toISOString(),
    },
    context,
  );
}

/** The watcher that posts the partner's connects and disconnects to one channel. */
export function eventsChannel(options: {
  client: Client;
  zapi: Pick<ZapiClient, 'listInstances' | 'getInstanceData'>;
  sandbox: boolean;
  logger: Logger;
  events: EventsChannelOptions;
  leads: () => Promise<boolean>;
  metrics?: BotMetrics;
}): ConnectionEvents {
  const { channelId, pollMs, flapMs } = options.events;
  return new ConnectionEvents({
    zapi: options.zapi,
    pollMs,
    flapMs,
    logger: options.logger.child({ component: 'events-channel' }),
    leads: options.leads,
    onChange: (change) => {
      options.metrics?.connectionEvent(change);
    },
    async post(event) {
      await options.client.rest.post(Routes.channelMessages(channelId), {
        body: {
          embeds: [eventEmbed(event, { sandbox: options.sandbox, flapMs })],
          allowed_mentions: { parse: [] },
        },
      });
    },
  });
}
