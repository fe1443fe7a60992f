/** Every button the bot makes has a custom id `zapi:<action>:<arg>…`, at most 100 characters. */
export const CUSTOM_ID_PREFIX = 'zapi';
const MAX_CUSTOM_ID_LENGTH = 100;
// Arguments are ids, page numbers and flags: nothing that needs escaping.
const ARGUMENT = /^[A-Za-z0-9_-]+$/;

/** Builds a button's custom id; throws if it would break Discord's limit or the format. */
export function customId(action: string, ...args: string[]): string {
  for (const part of [action, ...args]) {
    if (!ARGUMENT.test(part))
      throw new Error(`Custom id part ${JSON.stringify(part)} is not allowed`);
  }
  const id = [CUSTOM_ID_PREFIX, action, ...args].join(':');
  if (id.length > MAX_CUSTOM_ID_LENGTH) throw new Error(`Custom id ${id} is too long`);
  return id;
}

/** Whether these parts make a valid custom id (an id from Z-API with odd characters does not). */
export function fitsCustomId(action: string, ...args: string[]): boolean {
  try {
    customId(action, ...args);
    return true;
  } catch {
    return false;
  }
}

/** The action and arguments of a custom id the bot made, or undefined for anything else. */
export function parseCustomId(id: string): { action: string; args: string[] } | undefined {
  const [prefix, action, ...args] = id.split(':');
  if (prefix !== CUSTOM_ID_PREFIX || action === undefined || !ARGUMENT.test(action))
    return undefined;
  if (!args.every((arg) => ARGUMENT.test(arg))) return undefined;
  return { action, args };
}
