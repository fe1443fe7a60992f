import { ButtonStyle } from 'discord.js';
import { audited } from '../audit.js';
import { button, buttonRow } from '../components/buttons.js';
import { customId } from '../components/custom-id.js';
import { memberMessages } from '../i18n/index.js';
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
    const t = memberMessages(interaction);
    const shown = { name: displayName(instance.name, t), id: instance.id };
    return {
      embeds: [
        labelled(
          {
            title: t.restart.confirmTitle(),
            color: COLOURS.warn,
            description: t.restart.confirm(shown),
          },
          context,
          t,
        ),
      ],
      components: [
        buttonRow(
          button(
            t.common.confirmButton(),
            ButtonStyle.Danger,
            customId('restart-confirm', instance.id),
          ),
          button(t.common.abortButton(), ButtonStyle.Secondary, customId('dismiss')),
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
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: t.restart.restartedTitle(),
            color: COLOURS.ok,
            description: t.restart.restarted({
              name: displayName(instance.name, t),
              id: instance.id,
            }),
          },
          context,
          t,
        ),
      ],
    };
  },
};
