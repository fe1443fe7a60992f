// `pnpm discord:commands`: the registration JSON of every command, as one array on stdout.
import { checkedCommands } from './checked-commands.js';

const { json, problems } = await checkedCommands();
if (problems.length > 0) {
  console.error(`The commands break Discord's limits:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(JSON.stringify(json, null, 2));
