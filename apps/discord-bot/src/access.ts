import type { Interaction } from 'discord.js';
import { BotError } from './errors.js';

/** Who may use the bot, on top of Discord's own command permissions. */
export interface AccessPolicy {
  /** Empty: any server. */
  allowedGuildIds: readonly string[];
  /** Empty: any member Discord lets through. */
  allowedRoleIds: readonly string[];
}

/** The role ids a member holds, whether discord.js cached the guild or not. */
function memberRoleIds(interaction: Interaction): readonly string[] {
  const member = interaction.member;
  if (!member) return [];
  const roles = member.roles;
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Throws BOT_NOT_ALLOWED unless the server and the member pass the allow-lists. */
export function assertAllowed(interaction: Interaction, policy: AccessPolicy): void {
  if (!interaction.inGuild()) {
    throw new BotError('BOT_NOT_ALLOWED', 'The Z-API commands work only inside a server.');
  }
  if (policy.allowedGuildIds.length > 0 && !policy.allowedGuildIds.includes(interaction.guildId)) {
    throw new BotError(
      'BOT_NOT_ALLOWED',
      'This server is not allowed to use the Z-API bot. Ask its operator to add it to DISCORD_ALLOWED_GUILD_IDS.',
    );
  }
  if (policy.allowedRoleIds.length > 0) {
    const roles = memberRoleIds(interaction);
    if (!policy.allowedRoleIds.some((role) => roles.includes(role))) {
      throw new BotError(
        'BOT_NOT_ALLOWED',
        'You do not hold a role allowed to use the Z-API bot (DISCORD_ALLOWED_ROLE_IDS). Nothing was sent to Z-API.',
      );
    }
  }
}
