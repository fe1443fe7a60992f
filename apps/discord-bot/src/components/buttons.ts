import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
} from 'discord.js';

/** A button that sends an interaction with `customId`. */
export function button(
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  customId: string,
  disabled = false,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label,
    custom_id: customId,
    ...(disabled ? { disabled } : {}),
  };
}

/** One row of buttons under a message. */
export function buttonRow(
  ...buttons: APIButtonComponent[]
): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}
