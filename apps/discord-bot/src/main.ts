// `pnpm bot`: the Discord bot, configured from the environment, on Z-API or a sandbox.
import { createZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import closeWithGrace from 'close-with-grace';
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

// A create in flight may take its timeout and then a lookup of about twice that; cutting it short
// would leave an instance billed but never reported.
const graceMs = config.timeoutMs * 3 + 5_000;
// On SIGTERM, SIGINT or an uncaught error: finish what is in flight, then exit (1 after an error).
closeWithGrace(
  {
    // Past the grace, the stop must end even if Discord or a closed stdout hangs it.
    delay: graceMs + 10_000,
    logger,
    onTimeout: (delay) => {
      logger.error({ delay }, 'stopping took too long: exiting anyway');
    },
  },
  async ({ signal, err }) => {
    if (err) logger.fatal({ err }, 'stopping after an uncaught error');
    logger.info({ signal }, 'stopping: finishing interactions in flight');
    await bot.stop(graceMs);
    await zapi.close();
    await embedded?.close();
    logger.info('stopped');
  },
);

try {
  await bot.start();
} catch (error) {
  logger.fatal({ err: error }, 'could not log in to Discord');
  await zapi.close();
  await embedded?.close();
  process.exit(1);
}
