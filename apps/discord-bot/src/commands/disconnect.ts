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

export const disconnectCommand: SlashCommand = {
  data: slashCommand(
    'zapi-disconnect',
    "Disconnect an instance's phone; it stops until a phone connects again (asks first)",
    'Desconectar o celular da instância; ela para até conectar de novo (pede confirmação)',
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
            title: LIFECYCLE_WORDS.disconnectTitle,
            color: COLOURS.danger,
            description: LIFECYCLE_WORDS.disconnectQuestion(label),
          },
          context,
        ),
      ],
      components: [
        buttonRow(
          button(
            LIFECYCLE_WORDS.confirm,
            ButtonStyle.Danger,
            customId('disconnect-confirm', instance.id),
          ),
          button(LIFECYCLE_WORDS.abort, ButtonStyle.Secondary, customId('dismiss')),
        ),
      ],
    };
  },
};

/** Confirm under `/zapi-disconnect`: only now is the disconnect sent. */
export const disconnectConfirmButton: ButtonAction = {
  action: 'disconnect-confirm',
  ack: 'update',
  async execute(interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    await audited(
      context,
      interaction,
      'zapi-disconnect',
      { instanceId: instance.id },
      () => context.zapi.disconnectInstance(instance),
      () => ({ outcome: 'disconnected' }),
    );
    return {
      embeds: [
        labelled(
          {
            title: LIFECYCLE_WORDS.disconnectedTitle,
            color: COLOURS.ok,
            description: LIFECYCLE_WORDS.disconnected(
              instanceLabel(displayName(instance.name), instance.id),
            ),
          },
          context,
        ),
      ],
    };
  },
};
