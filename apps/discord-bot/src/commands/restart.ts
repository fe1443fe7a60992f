import { ButtonStyle } from 'discord.js';
import { audited } from '../audit.js';
import { button, buttonRow } from '../components/buttons.js';
import { customId } from '../components/custom-id.js';
import { instanceLabel, LIFECYCLE_WORDS } from '../connect-messages.js';
import type { ButtonAction, SlashCommand } from './command.js';
import {
  COLOURS,
  displayName,
  instanceChoices,
  instanceIdOption,
  labelled,
  resolveInstance,
  slashCommand,
} from './shared.js';

export const restartCommand: SlashCommand = {
  data: slashCommand(
    'zapi-restart',
    'Restart an instance; it reconnects without a new scan (asks before doing it)',
    'Reiniciar uma instância; ela reconecta sem novo QR code (pede confirmação antes)',
  )
    .addStringOption(instanceIdOption)
    .toJSON(),
  autocomplete: instanceChoices,
  // Nothing is sent until the member presses Confirm.
  async execute(interaction, context) {
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    const label = instanceLabel(displayName(instance.name), instance.id);
    return {
      embeds: [
        labelled(
          {
            title: LIFECYCLE_WORDS.restartTitle,
            color: COLOURS.warn,
            description: LIFECYCLE_WORDS.restartQuestion(label),
          },
          context,
        ),
      ],
      components: [
        buttonRow(
          button(
            LIFECYCLE_WORDS.confirm,
            ButtonStyle.Danger,
            customId('restart-confirm', instance.id),
          ),
          button(LIFECYCLE_WORDS.abort, ButtonStyle.Secondary, customId('dismiss')),
        ),
      ],
    };
  },
};

/** Confirm under `/zapi-restart`: only now is the restart sent (at most once, by the client). */
export const restartConfirmButton: ButtonAction = {
  action: 'restart-confirm',
  ack: 'update',
  async execute(interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    await audited(
      context,
      interaction,
      'zapi-restart',
      { instanceId: instance.id },
      () => context.zapi.restartInstance(instance),
      () => ({ outcome: 'restarted' }),
    );
    return {
      embeds: [
        labelled(
          {
            title: LIFECYCLE_WORDS.restartedTitle,
            color: COLOURS.ok,
            description: LIFECYCLE_WORDS.restarted(
              instanceLabel(displayName(instance.name), instance.id),
            ),
          },
          context,
        ),
      ],
    };
  },
};
