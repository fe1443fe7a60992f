import {
  ActionRowBuilder,
  ButtonBuilder,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonStyle,
} from 'discord.js';

/** A button that sends an interaction with `customId`; the builder checks label and id lengths. */
export function button(
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  customId: string,
  disabled = false,
): ButtonBuilder {
  const built = new ButtonBuilder().setLabel(label).setStyle(style).setCustomId(customId);
  // Only a disabled button says so, as before the builders.
  return disabled ? built.setDisabled(true) : built;
}

/** One row of buttons under a message, as the JSON a reply carries. */
export function buttonRow(...buttons: ButtonBuilder[]): APIActionRowComponent<APIButtonComponent> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}
