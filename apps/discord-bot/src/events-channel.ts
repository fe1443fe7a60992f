import { Routes, type APIChannel, type APIEmbed, type APIGuild, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { ZapiClient } from '@zapikit/client';
import { COLOURS, discordTime, displayName, labelled } from './commands/shared.js';
import { ConnectionEvents, type ConnectionEvent } from './connection-events.js';
import { guildMessages, type Messages } from './i18n/index.js';
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
  t: Messages,
): APIEmbed {
  const connected = event.kind === 'connected';
  return labelled(
    {
      title: connected ? t.events.connectedTitle() : t.events.disconnectedTitle(),
      color: connected ? COLOURS.ok : COLOURS.danger,
      ...(connected || context.flapMs === 0
        ? {}
        : {
            description: t.events.disconnectedNote({
              seconds: Math.round(context.flapMs / 1_000),
            }),
          }),
      fields: [
        {
          name: t.events.instanceField(),
          value: `**${displayName(event.instanceName, t)}** (\`${event.instanceId}\`)`,
        },
        ...(event.phone === undefined
          ? []
          : [
              {
                name: t.events.phoneField(),
                value: `+${event.phone.replace(/^\+/, '')}`,
                inline: true,
              },
            ]),
        { name: t.events.sinceField(), value: discordTime(event.at, 'f'), inline: true },
      ],
      timestamp: event.at.toISOString(),
    },
    context,
    t,
  );
}

/**
 * The catalogue of the server that holds the events channel: its preferred locale (no member
 * caused the post). Read from discord.js's cache when this process holds the channel's guild,
 * else asked of Discord (another shard may hold it); English when neither can tell.
 */
export async function channelMessages(
  client: Client,
  channelId: string,
  logger: Logger,
): Promise<Messages> {
  const cached = client.channels.cache.get(channelId);
  if (cached && 'guild' in cached) return guildMessages(cached.guild);
  try {
    const channel = (await client.rest.get(Routes.channel(channelId))) as APIChannel;
    if (!('guild_id' in channel)) return guildMessages(null);
    const guild = client.guilds.cache.get(channel.guild_id);
    if (guild) return guildMessages(guild);
    const fetched = (await client.rest.get(Routes.guild(channel.guild_id))) as APIGuild;
    return guildMessages({ preferredLocale: fetched.preferred_locale });
  } catch (error) {
    logger.warn(
      { err: error, channelId },
      "events channel: could not read the server's preferred locale; posting in English",
    );
    return guildMessages(null);
  }
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
  const logger = options.logger.child({ component: 'events-channel' });
  return new ConnectionEvents({
    zapi: options.zapi,
    pollMs,
    flapMs,
    logger,
    leads: options.leads,
    onChange: (change) => {
      options.metrics?.connectionEvent(change);
    },
    async post(event) {
      // Looked up at each post: posts are rare, and a server may change its language.
      const t = await channelMessages(options.client, channelId, logger);
      await options.client.rest.post(Routes.channelMessages(channelId), {
        body: {
          embeds: [eventEmbed(event, { sandbox: options.sandbox, flapMs }, t)],
          allowed_mentions: { parse: [] },
        },
      });
    },
  });
}
