import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';
import type { Reply } from '../reply.js';

/** One slash command: its registration JSON and what it does. */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Spends the partner's money: refused when the guard store cannot be reached, and left to
   * answer the drain deadline itself (holding what it claimed) rather than be cut off.
   */
  paid?: boolean;
  /** Runs after the interaction was acknowledged and the member let through. */
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Reply>;
  /** Suggestions for the focused option; must answer within Discord's 3 seconds. */
  autocomplete?(
    interaction: AutocompleteInteraction,
    context: BotContext,
  ): Promise<ApplicationCommandOptionChoiceData[]>;
}

/** One kind of button, found by the action in its custom id. */
export interface ButtonAction {
  action: string;
  /** `reply`: answers with a new ephemeral message; `update`: edits the message it is on. */
  ack: 'reply' | 'update';
  /** As {@link SlashCommand.paid}. */
  paid?: boolean;
  execute(
    interaction: ButtonInteraction,
    args: readonly string[],
    context: BotContext,
  ): Promise<Reply>;
}
