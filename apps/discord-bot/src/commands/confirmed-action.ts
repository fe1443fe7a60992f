import { ButtonStyle } from 'discord.js';
import type { InstanceListItem } from '@zapikit/schema';
import { audited } from '../audit.js';
import { button, buttonRow } from '../components/buttons.js';
import { customId } from '../components/custom-id.js';
import type { BotContext } from '../context.js';
import { memberMessages, type Messages } from '../i18n/index.js';
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

type Shown = { name: string; id: string };

/** The words of an action asked about first, from the member's catalogue. */
export interface ConfirmedActionWords {
  confirmTitle: () => string;
  confirm: (shown: Shown) => string;
  doneTitle: () => string;
  done: (shown: Shown) => string;
}

export interface ConfirmedActionSpec {
  /** The slash command, e.g. `zapi-restart`; also the audit line's command. */
  name: string;
  description: string;
  descriptionPtBr: string;
  /** The Confirm button's action, e.g. `restart-confirm`. */
  action: string;
  colour: number;
  words: (t: Messages) => ConfirmedActionWords;
  /** Sends the action to Z-API; only a press of Confirm gets here. */
  send: (context: BotContext, instance: InstanceListItem) => Promise<void>;
  /** The audit line's outcome once sent. */
  outcome: string;
}

/**
 * A slash command on one instance that asks first (Confirm / Abort) and sends only on Confirm:
 * `/zapi-restart` and `/zapi-disconnect` differ only in their words and their call.
 */
export function confirmedInstanceAction(spec: ConfirmedActionSpec): {
  command: SlashCommand;
  confirm: ButtonAction;
} {
  const command: SlashCommand = {
    data: slashCommand(spec.name, spec.description, spec.descriptionPtBr)
      .addStringOption(instanceIdOption)
      .toJSON(),
    autocomplete: instanceChoices,
    // Nothing is sent until the member presses Confirm.
    async execute(interaction, context) {
      const instance = await resolveInstance(interaction.options.getString('id', true), context);
      const t = memberMessages(interaction);
      const words = spec.words(t);
      const shown = { name: displayName(instance.name, t), id: instance.id };
      return {
        embeds: [
          labelled(
            { title: words.confirmTitle(), color: spec.colour, description: words.confirm(shown) },
            context,
            t,
          ),
        ],
        components: [
          buttonRow(
            button(
              t.common.confirmButton(),
              ButtonStyle.Danger,
              customId(spec.action, instance.id),
            ),
            button(t.common.abortButton(), ButtonStyle.Secondary, customId('dismiss')),
          ),
        ],
      };
    },
  };
  const confirm: ButtonAction = {
    action: spec.action,
    ack: 'update',
    async execute(interaction, [id = ''], context) {
      const instance = await resolveInstance(id, context);
      await audited(
        context,
        interaction,
        spec.name,
        { instanceId: instance.id },
        () => spec.send(context, instance),
        () => ({ outcome: spec.outcome }),
      );
      const t = memberMessages(interaction);
      const words = spec.words(t);
      const shown = { name: displayName(instance.name, t), id: instance.id };
      return {
        embeds: [
          labelled(
            { title: words.doneTitle(), color: COLOURS.ok, description: words.done(shown) },
            context,
            t,
          ),
        ],
      };
    },
  };
  return { command, confirm };
}
