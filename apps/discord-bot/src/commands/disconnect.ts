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
    const t = memberMessages(interaction);
    const shown = { name: displayName(instance.name, t), id: instance.id };
    return {
      embeds: [
        labelled(
          {
            title: t.disconnect.confirmTitle(),
            color: COLOURS.danger,
            description: t.disconnect.confirm(shown),
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
            customId('disconnect-confirm', instance.id),
          ),
          button(t.common.abortButton(), ButtonStyle.Secondary, customId('dismiss')),
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
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: t.disconnect.disconnectedTitle(),
            color: COLOURS.ok,
            description: t.disconnect.disconnected({
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
