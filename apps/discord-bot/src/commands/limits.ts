import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { OPTION_NAME_PATTERN } from './option-names.js';

/** Discord's limits on application commands, some of which discord.js does not check. */
export const DISCORD_COMMAND_LIMITS = {
  commands: 100,
  options: 25,
  name: 32,
  description: 100,
  choices: 25,
  /** Names, descriptions and values of a command and its options, localizations included. */
  totalCharacters: 8_000,
  stringLength: 6_000,
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

function checkWords(
  where: string,
  name: string,
  description: string | undefined,
  names: Localizations,
  descriptions: Localizations,
  problems: string[],
): void {
  for (const candidate of [name, ...localized(names)]) {
    if (!OPTION_NAME_PATTERN.test(candidate)) {
      problems.push(
        `${where}: name "${candidate}" must be 1–${DISCORD_COMMAND_LIMITS.name} lowercase letters, digits, - or _`,
      );
    }
  }
  for (const text of [description ?? '', ...localized(descriptions)]) {
    if (text.length < 1 || text.length > DISCORD_COMMAND_LIMITS.description) {
      problems.push(
        `${where}: description "${text}" must be 1–${DISCORD_COMMAND_LIMITS.description} characters (has ${text.length})`,
      );
    }
  }
}

/** Every way the commands break Discord's limits; empty when Discord will accept them. */
export function commandLimitProblems(commands: readonly Command[]): string[] {
  const problems: string[] = [];
  if (commands.length > DISCORD_COMMAND_LIMITS.commands) {
    problems.push(`${commands.length} commands; Discord allows ${DISCORD_COMMAND_LIMITS.commands}`);
  }
  const commandNames = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    if (commandNames.has(command.name)) problems.push(`${where}: registered twice`);
    commandNames.add(command.name);
    checkWords(
      where,
      command.name,
      command.description,
      command.name_localizations,
      command.description_localizations,
      problems,
    );
    const options = command.options ?? [];
    if (options.length > DISCORD_COMMAND_LIMITS.options) {
      problems.push(
        `${where}: ${options.length} options; Discord allows ${DISCORD_COMMAND_LIMITS.options}`,
      );
    }
    const optionNames = new Set<string>();
    let optionalSeen = false;
    for (const option of options) {
      const at = `${where} ${option.name}`;
      if (optionNames.has(option.name)) problems.push(`${at}: option name used twice`);
      optionNames.add(option.name);
      checkWords(
        at,
        option.name,
        option.description,
        option.name_localizations,
        option.description_localizations,
        problems,
      );
      const required = 'required' in option && option.required;
      if (required && optionalSeen) problems.push(`${at}: required option after an optional one`);
      if (!required) optionalSeen = true;
      if (option.type === ApplicationCommandOptionType.String) {
        for (const [key, value] of [
          ['min_length', option.min_length],
          ['max_length', option.max_length],
        ] as const) {
          if (value !== undefined && (value < 0 || value > DISCORD_COMMAND_LIMITS.stringLength)) {
            problems.push(
              `${at}: ${key} ${value} is outside 0–${DISCORD_COMMAND_LIMITS.stringLength}`,
            );
          }
        }
        if ((option.choices?.length ?? 0) > DISCORD_COMMAND_LIMITS.choices) {
          problems.push(`${at}: more than ${DISCORD_COMMAND_LIMITS.choices} choices`);
        }
        if (option.autocomplete === true && option.choices !== undefined) {
          problems.push(`${at}: autocomplete and choices cannot be combined`);
        }
      }
    }
    const characters = commandCharacters(command);
    if (characters > DISCORD_COMMAND_LIMITS.totalCharacters) {
      problems.push(
        `${where}: ${characters} characters in names, descriptions and values; Discord allows ${DISCORD_COMMAND_LIMITS.totalCharacters}`,
      );
    }
  }
  return problems;
}
