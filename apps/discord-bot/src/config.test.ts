import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDeployConfig } from './config.js';

const DISCORD_CANARY = 'CANARY-discord-xyz';
const PARTNER_CANARY = 'CANARY-partner-xyz';
const GUILD = '123456789012345678';
const OTHER_GUILD = '876543210987654321';
const ROLE = '111111111111111111';
const OTHER_ROLE = '222222222222222222';

/** Runs `load`, expecting a ConfigError; returns its message. */
function configErrorOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    expect(message).not.toContain(DISCORD_CANARY);
    expect(message).not.toContain(PARTNER_CANARY);
    return message;
  }
  throw new Error('expected a ConfigError, but the environment was accepted');
}

describe('loadConfig', () => {
  it('defaults to the sandbox with only DISCORD_TOKEN set', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD_CANARY })).toStrictEqual({
      upstream: { mode: 'sandbox' },
      timeoutMs: 15_000,
      discordToken: DISCORD_CANARY,
      discordApiUrl: 'https://discord.com/api',
      allowedGuildIds: [],
      allowedRoleIds: [],
      paidCooldownMs: 10_000,
      drainMs: 10_000,
      connect: { timeoutMs: 300_000, pollMs: 5_000 },
      logLevel: 'info',
    });
  });

  it('reads REDIS_URL for the shared guards, and names it when it is not a Redis URL', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, REDIS_URL: 'redis://:CANARY-pw@cache:6379/1' })
        .redisUrl,
    ).toBe('redis://:CANARY-pw@cache:6379/1');
    expect(
      configErrorOf(() => loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, REDIS_URL: 'http://cache' })),
    ).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('reads DISCORD_DRAIN_SECONDS, from 1 to 600', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_DRAIN_SECONDS: '3' }).drainMs).toBe(
      3_000,
    );
    expect(
      configErrorOf(() =>
        loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_DRAIN_SECONDS: '0' }),
      ),
    ).toContain('DISCORD_DRAIN_SECONDS');
  });

  it('reads how /zapi-connect follows an instance: 5 minutes, every 5 s by default, bounded', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD_CANARY }).connect).toEqual({
      timeoutMs: 300_000,
      pollMs: 5_000,
    });
    expect(
      loadConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        DISCORD_CONNECT_TIMEOUT_SECONDS: '60',
        DISCORD_CONNECT_POLL_SECONDS: '2',
      }).connect,
    ).toEqual({ timeoutMs: 60_000, pollMs: 2_000 });
    // Past 14 minutes the reply's 15-minute token would run out first.
    expect(
      configErrorOf(() =>
        loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_CONNECT_TIMEOUT_SECONDS: '900' }),
      ),
    ).toContain('DISCORD_CONNECT_TIMEOUT_SECONDS');
    expect(
      configErrorOf(() =>
        loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_CONNECT_POLL_SECONDS: '0' }),
      ),
    ).toContain('DISCORD_CONNECT_POLL_SECONDS');
  });

  it('watches connections only with DISCORD_EVENTS_CHANNEL_ID, every 15 s, flaps of 60 s by default', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD_CANARY }).events).toBeUndefined();
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_EVENTS_CHANNEL_ID: '123456789012345678' })
        .events,
    ).toEqual({ channelId: '123456789012345678', pollMs: 15_000, flapMs: 60_000 });
    expect(
      loadConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        DISCORD_EVENTS_CHANNEL_ID: '123456789012345678',
        DISCORD_EVENTS_POLL_SECONDS: '30',
        DISCORD_FLAP_SECONDS: '0',
      }).events,
    ).toEqual({ channelId: '123456789012345678', pollMs: 30_000, flapMs: 0 });
    expect(
      configErrorOf(() =>
        loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_EVENTS_CHANNEL_ID: '#events' }),
      ),
    ).toMatch(/DISCORD_EVENTS_CHANNEL_ID: must be a Discord id/);
    for (const [name, value] of [
      ['DISCORD_EVENTS_POLL_SECONDS', '0'],
      ['DISCORD_FLAP_SECONDS', '-1'],
      ['DISCORD_FLAP_SECONDS', 'soon'],
    ] as const) {
      expect(
        configErrorOf(() =>
          loadConfig({
            DISCORD_TOKEN: DISCORD_CANARY,
            DISCORD_EVENTS_CHANNEL_ID: '123456789012345678',
            [name]: value,
          }),
        ),
      ).toContain(name);
    }
  });

  it('serves metrics only when BOT_METRICS_PORT is set, on loopback unless BOT_METRICS_HOST says otherwise', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, BOT_METRICS_PORT: '9464' }).metrics).toEqual(
      {
        port: 9464,
        host: '127.0.0.1',
      },
    );
    expect(
      loadConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        BOT_METRICS_PORT: '9464',
        BOT_METRICS_HOST: '0.0.0.0',
      }).metrics,
    ).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(
      configErrorOf(() => loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, BOT_METRICS_PORT: 'x' })),
    ).toMatch(/BOT_METRICS_PORT/);
  });

  it('refuses production without a partner token unless ZAPI_SANDBOX=true asks for the sandbox', () => {
    const message = configErrorOf(() =>
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, NODE_ENV: 'production' }),
    );
    expect(message).toMatch(/^ZAPI_PARTNER_TOKEN: required when NODE_ENV=production/);
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, NODE_ENV: 'production', ZAPI_SANDBOX: 'true' })
        .upstream,
    ).toEqual({ mode: 'sandbox' });
  });

  it('refuses a missing DISCORD_TOKEN, naming it', () => {
    const message = configErrorOf(() => loadConfig({ ZAPI_PARTNER_TOKEN: PARTNER_CANARY }));
    expect(message).toContain('DISCORD_TOKEN');
  });

  it('refuses a blank DISCORD_TOKEN, naming it', () => {
    const message = configErrorOf(() => loadConfig({ DISCORD_TOKEN: '   ' }));
    expect(message).toContain('DISCORD_TOKEN');
  });

  it.each([
    ['DISCORD_API_URL', { DISCORD_API_URL: 'not a url' }],
    ['DISCORD_API_URL', { DISCORD_API_URL: 'ftp://discord.com/api' }],
    ['DISCORD_GUILD_ID', { DISCORD_GUILD_ID: 'abc' }],
    ['DISCORD_ALLOWED_ROLE_IDS', { DISCORD_ALLOWED_ROLE_IDS: `${ROLE},notanid` }],
    ['DISCORD_ALLOWED_GUILD_IDS', { DISCORD_ALLOWED_GUILD_IDS: '12345' }],
    ['ZAPI_TIMEOUT_MS', { ZAPI_TIMEOUT_MS: '5' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DISCORD_PAID_COOLDOWN_SECONDS', { DISCORD_PAID_COOLDOWN_SECONDS: '-1' }],
    ['DISCORD_PAID_COOLDOWN_SECONDS', { DISCORD_PAID_COOLDOWN_SECONDS: '1.5' }],
    ['ZAPI_SANDBOX_URL', { ZAPI_SANDBOX_URL: 'not a url' }],
  ])('names %s when its value is wrong, never echoing a token', (variable, env) => {
    // On the sandbox and live alike: the partner token must not leak either.
    for (const upstream of [{}, { ZAPI_PARTNER_TOKEN: PARTNER_CANARY }]) {
      const message = configErrorOf(() =>
        loadConfig({
          DISCORD_TOKEN: DISCORD_CANARY,
          DISCORD_ALLOWED_GUILD_IDS: GUILD,
          ...upstream,
          ...env,
        }),
      );
      expect(message).toContain(variable);
    }
  });

  it('names the bad id in DISCORD_ALLOWED_ROLE_IDS', () => {
    const message = configErrorOf(() =>
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_ALLOWED_ROLE_IDS: `${ROLE},notanid` }),
    );
    expect(message).toContain('DISCORD_ALLOWED_ROLE_IDS');
    expect(message).toContain('"notanid"');
    expect(message).not.toContain(`"${ROLE}"`);
  });

  it('names every bad variable at once', () => {
    const message = configErrorOf(() =>
      loadConfig({ DISCORD_GUILD_ID: 'abc', LOG_LEVEL: 'loud', ZAPI_TIMEOUT_MS: '5' }),
    );
    for (const variable of ['DISCORD_TOKEN', 'DISCORD_GUILD_ID', 'LOG_LEVEL', 'ZAPI_TIMEOUT_MS']) {
      expect(message).toContain(variable);
    }
  });

  it('refuses live mode without an allowed guild, naming DISCORD_ALLOWED_GUILD_IDS', () => {
    const message = configErrorOf(() =>
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, ZAPI_PARTNER_TOKEN: PARTNER_CANARY }),
    );
    expect(message).toMatch(/^DISCORD_ALLOWED_GUILD_IDS/);
  });

  it('refuses live mode when DISCORD_ALLOWED_GUILD_IDS holds only commas and spaces', () => {
    const message = configErrorOf(() =>
      loadConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        ZAPI_PARTNER_TOKEN: PARTNER_CANARY,
        DISCORD_ALLOWED_GUILD_IDS: ' , ,',
      }),
    );
    expect(message).toContain('DISCORD_ALLOWED_GUILD_IDS');
  });

  it('allows live mode in DISCORD_GUILD_ID alone when no allow-list is set', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      ZAPI_PARTNER_TOKEN: PARTNER_CANARY,
      DISCORD_GUILD_ID: GUILD,
    });
    expect(config.upstream).toStrictEqual({
      mode: 'live',
      partnerToken: PARTNER_CANARY,
      baseUrl: 'https://api.z-api.io',
    });
    expect(config.guildId).toBe(GUILD);
    expect(config.allowedGuildIds).toStrictEqual([GUILD]);
  });

  it('prefers DISCORD_ALLOWED_GUILD_IDS over DISCORD_GUILD_ID for the allow-list', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      ZAPI_PARTNER_TOKEN: PARTNER_CANARY,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_ALLOWED_GUILD_IDS: OTHER_GUILD,
    });
    expect(config.guildId).toBe(GUILD);
    expect(config.allowedGuildIds).toStrictEqual([OTHER_GUILD]);
  });

  it('refuses ZAPI_SANDBOX_URL together with ZAPI_PARTNER_TOKEN', () => {
    const message = configErrorOf(() =>
      loadConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        ZAPI_PARTNER_TOKEN: PARTNER_CANARY,
        DISCORD_ALLOWED_GUILD_IDS: GUILD,
        ZAPI_SANDBOX_URL: 'http://127.0.0.1:4010',
      }),
    );
    expect(message).toContain('ZAPI_SANDBOX_URL');
  });

  it('uses an external sandbox from ZAPI_SANDBOX_URL with the default partner token', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      ZAPI_SANDBOX_URL: 'http://127.0.0.1:4010',
    });
    expect(config.upstream).toStrictEqual({ mode: 'sandbox' });
    expect(config.sandbox).toStrictEqual({
      url: 'http://127.0.0.1:4010',
      partnerToken: 'zapi-sandbox-partner-token',
    });
  });

  it('uses ZAPI_SANDBOX_PARTNER_TOKEN for the external sandbox when set', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      ZAPI_SANDBOX_URL: 'http://127.0.0.1:4010',
      ZAPI_SANDBOX_PARTNER_TOKEN: 'other-sandbox-token',
    });
    expect(config.sandbox?.partnerToken).toBe('other-sandbox-token');
  });

  it('removes trailing slashes from DISCORD_API_URL', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_API_URL: 'http://127.0.0.1:9999/api/' })
        .discordApiUrl,
    ).toBe('http://127.0.0.1:9999/api');
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_API_URL: 'https://discord.com/api//' })
        .discordApiUrl,
    ).toBe('https://discord.com/api');
  });

  it('parses comma lists with spaces and empty entries', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      DISCORD_ALLOWED_ROLE_IDS: ` ${ROLE} ,  ${OTHER_ROLE},`,
      DISCORD_ALLOWED_GUILD_IDS: `${GUILD}, ${OTHER_GUILD}`,
    });
    expect(config.allowedRoleIds).toStrictEqual([ROLE, OTHER_ROLE]);
    expect(config.allowedGuildIds).toStrictEqual([GUILD, OTHER_GUILD]);
  });

  it('reads the cooldown in seconds and the other numbers', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD_CANARY,
      DISCORD_PAID_COOLDOWN_SECONDS: '0',
      ZAPI_TIMEOUT_MS: '2500',
      LOG_LEVEL: 'debug',
    });
    expect(config.paidCooldownMs).toBe(0);
    expect(config.timeoutMs).toBe(2_500);
    expect(config.logLevel).toBe('debug');
  });
});

describe('loadDeployConfig', () => {
  it('needs only DISCORD_TOKEN', () => {
    expect(loadDeployConfig({ DISCORD_TOKEN: DISCORD_CANARY })).toStrictEqual({
      discordToken: DISCORD_CANARY,
      discordApiUrl: 'https://discord.com/api',
    });
  });

  it('ignores ZAPI_PARTNER_TOKEN set without allow-lists', () => {
    expect(
      loadDeployConfig({ DISCORD_TOKEN: DISCORD_CANARY, ZAPI_PARTNER_TOKEN: PARTNER_CANARY }),
    ).toStrictEqual({ discordToken: DISCORD_CANARY, discordApiUrl: 'https://discord.com/api' });
  });

  it('reads the guild and trims the API URL', () => {
    expect(
      loadDeployConfig({
        DISCORD_TOKEN: DISCORD_CANARY,
        DISCORD_GUILD_ID: GUILD,
        DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      }),
    ).toStrictEqual({
      discordToken: DISCORD_CANARY,
      discordApiUrl: 'http://127.0.0.1:9999/api',
      guildId: GUILD,
    });
  });

  it('refuses a missing DISCORD_TOKEN, naming it', () => {
    const message = configErrorOf(() => loadDeployConfig({ ZAPI_PARTNER_TOKEN: PARTNER_CANARY }));
    expect(message).toContain('DISCORD_TOKEN');
  });

  it('names a bad DISCORD_GUILD_ID without echoing the token', () => {
    const message = configErrorOf(() =>
      loadDeployConfig({ DISCORD_TOKEN: DISCORD_CANARY, DISCORD_GUILD_ID: 'abc' }),
    );
    expect(message).toContain('DISCORD_GUILD_ID');
  });
});
