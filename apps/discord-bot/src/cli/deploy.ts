// `pnpm discord:deploy`: overwrites the bot's commands in bulk, in one guild or globally.
import { REST, Routes, type APIApplication } from 'discord.js';
import { configOrExit, loadDeployConfig } from '../config.js';
import { checkedCommands } from './checked-commands.js';

const config = configOrExit('discord:deploy', () => loadDeployConfig());
const { json, problems } = await checkedCommands();
if (problems.length > 0) {
  console.error(`Not deployed: the commands break Discord's limits:\n${problems.join('\n')}`);
  process.exit(1);
}

const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
try {
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route = config.guildId
    ? Routes.applicationGuildCommands(application.id, config.guildId)
    : Routes.applicationCommands(application.id);
  const registered = (await rest.put(route, { body: json })) as { name: string }[];
  console.log(
    `Deployed ${registered.length} commands ${config.guildId ? `to guild ${config.guildId}` : 'globally (may take up to an hour to show)'}: ${registered.map((command) => `/${command.name}`).join(', ')}`,
  );
} catch (error) {
  console.error(`discord:deploy failed: ${(error as Error).message}`);
  process.exit(1);
}
