import { cancelCommand, cancelConfirmButton, dismissButton } from './cancel.js';
import type { ButtonAction, SlashCommand } from './command.js';
import { createCancelButton, createCommand, createConfirmButton } from './create.js';
import { listButton, listCommand } from './list.js';
import { qrCodeButton, statusCommand } from './status.js';
import { subscribeButton, subscribeCommand, subscribeConfirmButton } from './subscribe.js';
import { tokenButton } from './token.js';

/** Every slash command the bot registers and serves. */
export const commands: readonly SlashCommand[] = [
  createCommand,
  listCommand,
  subscribeCommand,
  cancelCommand,
  statusCommand,
];

/** Every button the bot puts under its messages. */
export const buttons: readonly ButtonAction[] = [
  createConfirmButton,
  createCancelButton,
  subscribeButton,
  subscribeConfirmButton,
  cancelConfirmButton,
  dismissButton,
  qrCodeButton,
  listButton,
  tokenButton,
];

/** The registration JSON of every command, as `discord:commands` prints and `discord:deploy` sends. */
export function commandsJson() {
  return commands.map((command) => command.data);
}
