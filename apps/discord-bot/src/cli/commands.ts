// `pnpm discord:commands`: the registration JSON of every command, as one array on stdout.
import { commandsJson } from '../commands/index.js';
import { commandLimitProblems } from '../commands/limits.js';

const json = commandsJson();
const problems = commandLimitProblems(json);
if (problems.length > 0) {
  console.error(`The commands break Discord's limits:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(JSON.stringify(json, null, 2));
