// `pnpm bot`: the Discord bot, configured from the environment, on Z-API or a sandbox.
import { createZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { createBot } from './bot.js';
import { configOrExit, loadConfig } from './config.js';
import { createLogger } from './logger.js';

const config = configOrExit('zapi-discord-bot', () => loadConfig());

const logger = createLogger(config.logLevel);
let embedded: Sandbox | undefined;
let target: { baseUrl: string; partnerToken: string; clientToken?: string };
if (config.upstream.mode === 'live') {
  target = config.upstream;
  logger.info({ sandbox: false, baseUrl: target.baseUrl }, 'LIVE MODE: calls go to Z-API');
} else {
  if (config.sandbox) {
    target = { baseUrl: config.sandbox.url, partnerToken: config.sandbox.partnerToken };
  } else {
    embedded = await startSandbox();
    target = { baseUrl: embedded.url, partnerToken: embedded.partnerToken };
  }
  logger.warn(
    { sandbox: true, sandboxUrl: target.baseUrl },
    'SANDBOX MODE: no ZAPI_PARTNER_TOKEN is set, so every call goes to a local Z-API simulator and nothing reaches Z-API. Every reply is labelled SANDBOX.',
  );
}
if (config.allowedGuildIds.length === 0) {
  logger.warn(
    'No DISCORD_ALLOWED_GUILD_IDS: any server the bot is added to can use it. This is allowed only on the sandbox.',
  );
}

const zapi = createZapiClient({
  ...target,
  timeoutMs: config.timeoutMs,
  logger: logger.child({ component: 'zapi' }),
});
const bot = createBot({
  discordToken: config.discordToken,
  discordApiUrl: config.discordApiUrl,
  zapi,
  sandbox: config.upstream.mode === 'sandbox',
  logger,
  access: { allowedGuildIds: config.allowedGuildIds, allowedRoleIds: config.allowedRoleIds },
  paidCooldownMs: config.paidCooldownMs,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  // A create in flight may take its timeout and then a lookup of about twice that; cutting it
  // short would leave an instance billed but never reported. Past that, the stop must end even
  // if Discord or a closed stdout hangs it.
  const graceMs = config.timeoutMs * 3 + 5_000;
  setTimeout(() => process.exit(1), graceMs + 10_000).unref();
  logger.info({ signal }, 'stopping: finishing interactions in flight');
  await bot.stop(graceMs);
  await zapi.close();
  await embedded?.close();
  logger.info('stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await bot.start();
} catch (error) {
  logger.fatal({ err: error }, 'could not log in to Discord');
  await zapi.close();
  await embedded?.close();
  process.exit(1);
}
