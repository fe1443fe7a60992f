import { snowflake } from './snowflake.js';

/** A member of a fake guild, as interactions carry them. */
export interface FakeMember {
  id: string;
  username: string;
  roles: string[];
  /** Their Discord client's language, sent as each interaction's `locale` (en-US if unset). */
  locale?: string;
}

/** A guild the fake knows, with its roles and one text channel. */
export interface FakeGuild {
  id: string;
  name: string;
  channelId: string;
  roleIds: string[];
  /** Server Settings → Community → language; en-US (Discord's default) when unset. */
  preferredLocale?: string;
}

/** The user object of a member. */
export function userObject(member: FakeMember) {
  return {
    id: member.id,
    username: member.username,
    global_name: member.username,
    discriminator: '0',
    avatar: null,
    bot: false,
  };
}

/** GUILD_CREATE's payload: enough for discord.js to cache the guild, its roles and channel. */
export function guildObject(guild: FakeGuild, botUserId: string) {
  const role = (id: string, name: string, position: number) => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: '0',
    managed: false,
    mentionable: false,
    flags: 0,
  });
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: botUserId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(guild.id, '@everyone', 0),
      ...guild.roleIds.map((id, i) => role(id, `role-${i + 1}`, i + 1)),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: guild.preferredLocale ?? 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [
      {
        id: guild.channelId,
        type: 0,
        guild_id: guild.id,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        parent_id: null,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** What every interaction carries besides its type and data. */
export function interactionBase(options: {
  applicationId: string;
  guild: FakeGuild;
  member: FakeMember;
  locale?: string;
}) {
  const { guild, member } = options;
  return {
    id: snowflake(),
    application_id: options.applicationId,
    token: `fake-interaction-token-${snowflake()}`,
    version: 1,
    guild_id: guild.id,
    channel_id: guild.channelId,
    channel: { id: guild.channelId, type: 0, guild_id: guild.id, name: 'general' },
    guild: { id: guild.id, locale: guild.preferredLocale ?? 'en-US', features: [] },
    member: {
      user: userObject(member),
      roles: member.roles,
      permissions: '32',
      joined_at: new Date(0).toISOString(),
      nick: null,
      avatar: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      premium_since: null,
    },
    app_permissions: '2147485696',
    locale: options.locale ?? 'en-US',
    guild_locale: guild.preferredLocale ?? 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}
