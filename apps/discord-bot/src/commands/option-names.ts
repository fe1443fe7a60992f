import { createInstanceFields } from '@zapikit/schema';

/** Discord's rule for option names, lowercase form (the API also allows a few scripts). */
export const OPTION_NAME_PATTERN = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
export const MAX_OPTION_NAME_LENGTH = 32;

/**
 * The create attributes whose kebab-case name exceeds Discord's 32 characters, with the shorter
 * name each gets instead. Declared here, beside the derivation, and nowhere else.
 */
export const SHORTENED_OPTION_NAMES: Readonly<Record<string, string>> = Object.freeze({
  receivedAndDeliveryCallbackUrl: 'received-delivery-callback-url',
  disableEnqueueWhenDisconnected: 'disable-enqueue-disconnected',
});

/** `deliveryCallbackUrl` -> `delivery-callback-url`. */
export function kebabCase(fieldName: string): string {
  return fieldName.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The Discord option name of a schema field: its kebab-case form, or its declared shortening. */
export function optionNameOf(fieldName: string): string {
  const name = SHORTENED_OPTION_NAMES[fieldName] ?? kebabCase(fieldName);
  if (!OPTION_NAME_PATTERN.test(name)) {
    throw new Error(
      `The Discord option for schema field "${fieldName}" would be "${name}", which Discord refuses (lowercase, at most ${MAX_OPTION_NAME_LENGTH} characters): declare a shorter name in SHORTENED_OPTION_NAMES`,
    );
  }
  return name;
}

/** Schema field name -> Discord option name, for every create attribute. */
export const CREATE_OPTION_NAMES: ReadonlyMap<string, string> = new Map(
  createInstanceFields.map((field) => [field.name, optionNameOf(field.name)]),
);

/** Discord option name -> schema field name: the way back from an interaction. */
export const CREATE_FIELD_NAMES: ReadonlyMap<string, string> = new Map(
  [...CREATE_OPTION_NAMES].map(([field, option]) => [option, field]),
);

/** The Discord option a schema field is typed into, for naming it in an error. */
export function optionNameForField(fieldName: string): string {
  return CREATE_OPTION_NAMES.get(fieldName) ?? kebabCase(fieldName);
}
