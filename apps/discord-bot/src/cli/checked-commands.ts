import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { builderProblem, commandLimitProblems } from '../commands/limits.js';

/** The registration JSON of every command, and every way it breaks Discord's limits. */
export async function checkedCommands(): Promise<{
  json: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  problems: string[];
}> {
  let json: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  try {
    // The builders refuse a bad value as it is set, which is while the command modules load.
    const { commandsJson } = await import('../commands/index.js');
    json = commandsJson();
  } catch (error) {
    return { json: [], problems: [builderProblem(error)] };
  }
  return { json, problems: commandLimitProblems(json) };
}
