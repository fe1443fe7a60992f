import { BotError } from '../errors.js';
import { memberMessages } from '../i18n/index.js';
import type { ButtonAction } from './command.js';
import { displayName, resolveInstance, tokenSecret } from './shared.js';

/**
 * "Show token" under a create result that had to be posted in the channel (the interaction had
 * expired): the token still reaches only its creator, in an ephemeral reply.
 */
export const tokenButton: ButtonAction = {
  action: 'token',
  ack: 'reply',
  async execute(interaction, [id = '', creatorId = ''], context) {
    if (interaction.user.id !== creatorId) {
      throw new BotError('BOT_NOT_YOURS', (t) => t.token.notYours());
    }
    const instance = await resolveInstance(id, context);
    const t = memberMessages(interaction);
    return {
      content: `**${displayName(instance.name, t)}** (\`${instance.id}\`)`,
      secret: tokenSecret(instance.token, t),
    };
  },
};
