// `pnpm bot:sharded`: the bot under discord.js's ShardingManager, one process per shard.
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import closeWithGrace from 'close-with-grace';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { configOrExit, loadConfig, shareSandboxWithShards } from './config.js';
import { createLogger } from './logger.js';

const config = configOrExit('zapi-discord-bot', () => loadConfig());
const logger = createLogger(config.logLevel).child({ component: 'sharding-manager' });

// One sandbox for every shard, or each would simulate a different Z-API.
let sandbox: Sandbox | undefined;
if (config.upstream.mode === 'sandbox' && !config.sandbox) {
  sandbox = await startSandbox();
  shareSandboxWithShards(sandbox);
}

// discord.js's own shard-count lookup always asks discord.com; ask DISCORD_API_URL instead.
const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
const fromSource = import.meta.url.endsWith('.ts');
const manager = new ShardingManager(
  fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url)),
  {
    token: config.discordToken,
    totalShards: gateway.shards,
    execArgv: process.execArgv,
  },
);
manager.on('shardCreate', (shard) => {
  logger.info({ shardId: shard.id, totalShards: manager.totalShards }, `spawned shard ${shard.id}`);
});
/** SIGTERMs every shard (each finishes what it has in flight), waits for all, then the sandbox. */
async function stopShards(): Promise<void> {
  // Without this, discord.js answers each shard's exit by starting it again.
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => {
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await sandbox?.close();
}

const signals = closeWithGrace(
  // No deadline of its own: each shard bounds its own stop, and the manager waits for them all.
  { delay: false, logger },
  async ({ signal, err }) => {
    if (err) logger.fatal({ err }, 'stopping after an uncaught error');
    logger.info({ signal }, 'stopping every shard');
    await stopShards();
  },
);

try {
  await manager.spawn();
  logger.info({ shards: manager.shards.size }, 'every shard is ready');
} catch (error) {
  logger.fatal({ err: error }, 'a shard did not start');
  // close-with-grace would exit 0; a failed start exits 1.
  signals.uninstall();
  await stopShards();
  process.exit(1);
}
