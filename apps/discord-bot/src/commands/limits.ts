import {
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * Discord's limits on application commands that discord.js's builders do not check. The builders
 * (`slashCommand()` in shared.ts and the option builders) already refuse bad names, descriptions
 * (localized ones too), more than 25 options or choices, string lengths outside 0–6 000, and
 * choices combined with autocomplete, as each is set or at `toJSON()`.
 */
export const DISCORD_COMMAND_LIMITS = {
  commands: 100,
  /** Names, descriptions and values of a command and its options, localizations included. */
  totalCharacters: 8_000,
} as const;

type Command = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Localizations = Partial<Record<string, string | null>> | null | undefined;

const localized = (words: Localizations) =>
  Object.values(words ?? {}).filter((word): word is string => typeof word === 'string');

/** Characters Discord counts against a command's 8 000. */
export function commandCharacters(command: Command): number {
  let total = 0;
  const count = (...words: string[]) => {
    for (const word of words) total += word.length;
  };
  count(command.name, command.description);
  count(...localized(command.name_localizations), ...localized(command.description_localizations));
  const visit = (options: readonly APIApplicationCommandOption[] | undefined) => {
    for (const option of options ?? []) {
      count(option.name, option.description);
      count(
        ...localized(option.name_localizations),
        ...localized(option.description_localizations),
      );
      if ('choices' in option) {
        for (const choice of option.choices ?? []) {
          count(choice.name, String(choice.value), ...localized(choice.name_localizations));
        }
      }
      if ('options' in option) visit(option.options);
    }
  };
  visit(command.options);
  return total;
}

/** Every way the commands break a Discord limit the builders leave unchecked; empty when none. */
export function commandLimitProblems(commands: readonly Command[]): string[] {
  const problems: string[] = [];
  // A builder makes one command; it cannot see how many there are.
  if (commands.length > DISCORD_COMMAND_LIMITS.commands) {
    problems.push(`${commands.length} commands; Discord allows ${DISCORD_COMMAND_LIMITS.commands}`);
  }
  const commandNames = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    // Nor whether another command has the same name.
    if (commandNames.has(command.name)) problems.push(`${where}: registered twice`);
    commandNames.add(command.name);
    const optionNames = new Set<string>();
    let optionalSeen = false;
    for (const option of command.options ?? []) {
      const at = `${where} ${option.name}`;
      // The builders check each option alone, never two options' names against each other.
      if (optionNames.has(option.name)) problems.push(`${at}: option name used twice`);
      optionNames.add(option.name);
      // discord.js 14's builders (v1) take options in any order; Discord refuses this one.
      const required = 'required' in option && option.required;
      if (required && optionalSeen) problems.push(`${at}: required option after an optional one`);
      if (!required) optionalSeen = true;
    }
    // The builders check each text's own length, never the sum across a command.
    const characters = commandCharacters(command);
    if (characters > DISCORD_COMMAND_LIMITS.totalCharacters) {
      problems.push(
        `${where}: ${characters} characters in names, descriptions and values; Discord allows ${DISCORD_COMMAND_LIMITS.totalCharacters}`,
      );
    }
  }
  return problems;
}

/** A builder's refusal as one line: what it was given and what Discord expects instead. */
export function builderProblem(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // @sapphire/shapeshift, which the builders validate with, puts both on its errors.
  if (!('given' in error) || !('expected' in error)) return error.message;
  const given = Array.isArray(error.given)
    ? `${error.given.length} items`
    : JSON.stringify(error.given);
  return `${error.message}: ${given}, ${String(error.expected)}`;
}
