import {
  ApplicationCommandOptionType,
  Locale,
  SlashCommandStringOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandsJson } from './index.js';
import { slashCommand } from './shared.js';
import {
  DISCORD_COMMAND_LIMITS,
  builderProblem,
  commandCharacters,
  commandLimitProblems,
} from './limits.js';

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

  it('reports a required option after an optional one', () => {
    const commands = realCommands();
    const { options } = create(commands);
    const [first] = options.splice(0, 1);
    expect(first).toMatchObject({ name: 'name', required: true });
    options.push(first!);
    expectOneProblem(commands, 'required option after an optional one');
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
    // Every text stays within its own limit of 100; only the total breaks.
    for (const option of options) {
      option.description_localizations = Object.fromEntries(
        locales.map((locale) => [locale, 'x'.repeat(100)]),
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

describe('the builders, for the limits commandLimitProblems leaves to them', () => {
  const command = () => slashCommand('zapi-test', 'A test command', 'Um comando de teste');
  const option = (name: string) => (built: SlashCommandStringOption) =>
    built.setName(name).setDescription(`The ${name}`);

  it('refuse an option name of 33 characters or in uppercase, and accept 32', () => {
    expect(() => option('a'.repeat(32))(new SlashCommandStringOption())).not.toThrow();
    expect(() => option('a'.repeat(33))(new SlashCommandStringOption())).toThrow();
    expect(() => option('Session-name')(new SlashCommandStringOption())).toThrow();
  });

  it('refuse in a way discord:commands prints as one line naming the value', () => {
    const refusal = (() => {
      try {
        option('a'.repeat(33))(new SlashCommandStringOption());
      } catch (error) {
        return error;
      }
      throw new Error('the builder took a 33-character name');
    })();
    expect(builderProblem(refusal)).toBe(
      `Invalid string length: "${'a'.repeat(33)}", expected.length <= 32`,
    );
  });

  it('refuse a description, or its pt-BR localization, of 101 characters or of none', () => {
    expect(() => slashCommand('zapi-test', 'x'.repeat(100), 'y'.repeat(100))).not.toThrow();
    expect(() => slashCommand('zapi-test', 'x'.repeat(101), 'y')).toThrow();
    expect(() => slashCommand('zapi-test', 'x', 'y'.repeat(101))).toThrow();
    expect(() => slashCommand('zapi-test', '', 'y')).toThrow();
  });

  it('refuse a 26th option, and accept 25', () => {
    const built = command();
    for (let index = 0; index < 25; index += 1) built.addStringOption(option(`option-${index}`));
    expect(built.toJSON().options).toHaveLength(25);
    built.addStringOption(option('option-25'));
    expect(() => built.toJSON()).toThrow();
  });

  it('refuse a max_length of 6001, and accept 6000', () => {
    expect(() => new SlashCommandStringOption().setMaxLength(6_000)).not.toThrow();
    expect(() => new SlashCommandStringOption().setMaxLength(6_001)).toThrow();
  });

  it('refuse choices combined with autocomplete', () => {
    expect(() =>
      option('id')(new SlashCommandStringOption())
        .setAutocomplete(true)
        .addChoices({ name: 'First', value: 'first' }),
    ).toThrow(/mutually exclusive/);
  });

  it('take a required option after an optional one, which commandLimitProblems reports', () => {
    const built = command()
      .addStringOption(option('optional'))
      .addStringOption((added) => option('required')(added).setRequired(true));
    const json = built.toJSON();
    expect(commandLimitProblems([json])).toEqual([
      '/zapi-test required: required option after an optional one',
    ]);
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
