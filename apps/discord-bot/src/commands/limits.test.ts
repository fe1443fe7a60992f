import {
  ApplicationCommandOptionType,
  Locale,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandsJson } from './index.js';
import { DISCORD_COMMAND_LIMITS, commandCharacters, commandLimitProblems } from './limits.js';

type Command = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A deep copy of the real commands, to break one rule in. */
const realCommands = (): Command[] => structuredClone(commandsJson());

/** The command named `name` in `commands`, with at least one option. */
function commandNamed(commands: Command[], name: string) {
  const command = commands.find((candidate) => candidate.name === name);
  if (command?.options === undefined) throw new Error(`no /${name} with options`);
  return { command, options: command.options };
}

const create = (commands: Command[]) => commandNamed(commands, 'zapi-create');

const stringOption = (name: string, required = false): APIApplicationCommandOption => ({
  type: ApplicationCommandOptionType.String,
  name,
  description: `The ${name}`,
  required,
});

/** The problems of `commands`, expecting exactly one that contains `text`. */
function expectOneProblem(commands: Command[], text: string | RegExp): void {
  const problems = commandLimitProblems(commands);
  expect(problems).toHaveLength(1);
  if (typeof text === 'string') expect(problems[0]).toContain(text);
  else expect(problems[0]).toMatch(text);
}

describe('commandLimitProblems', () => {
  it('finds nothing wrong with the commands the bot registers', () => {
    expect(commandLimitProblems(commandsJson())).toStrictEqual([]);
  });

  it('reports more than 25 options', () => {
    const commands = realCommands();
    const { options } = create(commands);
    for (let index = options.length; index < 26; index += 1) {
      options.push(stringOption(`extra-${index}`));
    }
    expect(options).toHaveLength(26);
    expectOneProblem(commands, '26 options');
  });

  it('accepts exactly 25 options', () => {
    const commands = realCommands();
    const { options } = create(commands);
    for (let index = options.length; index < 25; index += 1) {
      options.push(stringOption(`extra-${index}`));
    }
    expect(commandLimitProblems(commands)).toStrictEqual([]);
  });

  it('reports a required option after an optional one', () => {
    const commands = realCommands();
    const { options } = create(commands);
    const [first] = options.splice(0, 1);
    expect(first).toMatchObject({ name: 'name', required: true });
    options.push(first!);
    expectOneProblem(commands, 'required option after an optional one');
  });

  it('reports an option name of 33 characters, and accepts 32', () => {
    const commands = realCommands();
    const { options } = create(commands);
    options[1]!.name = 'a'.repeat(32);
    expect(commandLimitProblems(commands)).toStrictEqual([]);
    options[1]!.name = 'a'.repeat(33);
    expectOneProblem(commands, `name "${'a'.repeat(33)}"`);
  });

  it('reports an uppercase option name', () => {
    const commands = realCommands();
    create(commands).options[1]!.name = 'Session-name';
    expectOneProblem(commands, 'name "Session-name"');
  });

  it('reports an uppercase localized option name', () => {
    const commands = realCommands();
    create(commands).options[1]!.name_localizations = { [Locale.PortugueseBR]: 'Nome-da-sessao' };
    expectOneProblem(commands, 'name "Nome-da-sessao"');
  });

  it('reports a description of 101 characters, and accepts 100', () => {
    const commands = realCommands();
    const { options } = create(commands);
    options[1]!.description = 'x'.repeat(100);
    expect(commandLimitProblems(commands)).toStrictEqual([]);
    options[1]!.description = 'x'.repeat(101);
    expectOneProblem(commands, '(has 101)');
  });

  it('reports an empty command description', () => {
    const commands = realCommands();
    commands[0]!.description = '';
    expectOneProblem(commands, '(has 0)');
  });

  it('reports a pt-BR description localization of 101 characters', () => {
    const commands = realCommands();
    create(commands).options[1]!.description_localizations = {
      [Locale.PortugueseBR]: 'x'.repeat(101),
    };
    expectOneProblem(commands, '(has 101)');
  });

  it('reports more than 8 000 characters in one command', () => {
    const commands = realCommands();
    const { command, options } = create(commands);
    const locales = [
      Locale.PortugueseBR,
      Locale.SpanishES,
      Locale.French,
      Locale.German,
      Locale.Italian,
      Locale.Dutch,
    ];
    // Every text stays within its own limit; only the total breaks.
    for (const option of options) {
      option.description_localizations = Object.fromEntries(
        locales.map((locale) => [locale, 'x'.repeat(DISCORD_COMMAND_LIMITS.description)]),
      );
    }
    expect(commandCharacters(command)).toBeGreaterThan(DISCORD_COMMAND_LIMITS.totalCharacters);
    expectOneProblem(commands, /^\/zapi-create: \d+ characters/);
  });

  it('reports duplicate option names', () => {
    const commands = realCommands();
    const { options } = create(commands);
    options[2]!.name = options[1]!.name;
    expectOneProblem(commands, 'option name used twice');
  });

  it('reports duplicate command names', () => {
    const commands = realCommands();
    commands.push(structuredClone(commands[0]!));
    expectOneProblem(commands, `/${commands[0]!.name}: registered twice`);
  });

  it('reports max_length 6001 on a string option, and accepts 6000', () => {
    const commands = realCommands();
    const option = create(commands).options[0]!;
    if (option.type !== ApplicationCommandOptionType.String) throw new Error('not a string');
    option.max_length = 6_000;
    expect(commandLimitProblems(commands)).toStrictEqual([]);
    option.max_length = 6_001;
    expectOneProblem(commands, 'max_length 6001');
  });

  it('reports more than 25 choices, and choices combined with autocomplete', () => {
    const commands = realCommands();
    const option = create(commands).options[0]!;
    if (option.type !== ApplicationCommandOptionType.String) throw new Error('not a string');
    option.choices = Array.from({ length: 26 }, (_, index) => ({
      name: `choice-${index}`,
      value: `${index}`,
    }));
    expectOneProblem(commands, 'more than 25 choices');
    option.choices = option.choices.slice(0, 2);
    Object.assign(option, { autocomplete: true });
    expectOneProblem(commands, 'autocomplete and choices cannot be combined');
  });

  it('reports more than 100 commands', () => {
    const [template] = realCommands();
    const commands = Array.from({ length: 101 }, (_, index) => ({
      ...structuredClone(template!),
      name: `command-${index}`,
    }));
    expectOneProblem(commands, '101 commands');
    expect(commandLimitProblems(commands.slice(0, 100))).toStrictEqual([]);
  });
});

describe('commandCharacters', () => {
  const base: Command = {
    name: 'zapi-test',
    description: 'A test command',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'id',
        description: 'The instance',
        choices: [{ name: 'First', value: 'first' }],
      },
    ],
  };

  it('counts names, descriptions and choices', () => {
    expect(commandCharacters(base)).toBe(
      'zapi-test'.length +
        'A test command'.length +
        'id'.length +
        'The instance'.length +
        'First'.length +
        'first'.length,
    );
  });

  it('counts localizations', () => {
    const localized: Command = {
      ...structuredClone(base),
      description_localizations: { [Locale.PortugueseBR]: 'Um comando de teste' },
    };
    expect(commandCharacters(localized)).toBe(
      commandCharacters(base) + 'Um comando de teste'.length,
    );
    const option = localized.options![0]!;
    option.name_localizations = { [Locale.PortugueseBR]: 'ident' };
    option.description_localizations = { [Locale.PortugueseBR]: 'A instância' };
    expect(commandCharacters(localized)).toBe(
      commandCharacters(base) +
        'Um comando de teste'.length +
        'ident'.length +
        'A instância'.length,
    );
  });

  it('counts options nested in subcommands', () => {
    const withSubcommand: Command = {
      name: 'zapi-test',
      description: 'A test command',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'sub',
          description: 'A subcommand',
          options: [{ type: ApplicationCommandOptionType.Integer, name: 'page', description: 'P' }],
        },
      ],
    };
    expect(commandCharacters(withSubcommand)).toBe(
      'zapi-test'.length + 'A test command'.length + 'sub'.length + 'A subcommand'.length + 5,
    );
  });
});
