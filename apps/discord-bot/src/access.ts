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
    throw new BotError('BOT_NOT_ALLOWED', (t) => t.access.notInGuild());
  }
  if (policy.allowedGuildIds.length > 0 && !policy.allowedGuildIds.includes(interaction.guildId)) {
    throw new BotError('BOT_NOT_ALLOWED', (t) => t.access.guildNotAllowed());
  }
  if (policy.allowedRoleIds.length > 0) {
    const roles = memberRoleIds(interaction);
    if (!policy.allowedRoleIds.some((role) => roles.includes(role))) {
      throw new BotError('BOT_NOT_ALLOWED', (t) => t.access.roleNotAllowed());
    }
  }
}
