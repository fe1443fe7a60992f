import type { ZapiErrorCode } from '@zapikit/client';

// The English catalogue: every sentence a member reads, as a function of its parameters. The
// Portuguese one (pt-BR.ts) is typed as `Messages`, so a missing sentence or a parameter of
// another type is a compile error; catalogue.test.ts checks both use the same parameters.
// Parameters are texts already formatted for Discord (mentions, `<t:…>` timestamps, escaped
// names) or numbers, which each catalogue formats for its own locale.

const number = new Intl.NumberFormat('en-US');
const n = (value: number) => number.format(value);
const plural = new Intl.PluralRules('en-US');
/** `count` with the noun in the singular or plural, as English chooses. */
const count = (value: number, one: string, other: string) =>
  `${n(value)} ${plural.select(value) === 'one' ? one : other}`;
/** A wait, in whole minutes when it is some ("5 minutes"), else in seconds ("90 seconds"). */
const duration = (seconds: number) =>
  seconds >= 60 && seconds % 60 === 0
    ? count(seconds / 60, 'minute', 'minutes')
    : count(seconds, 'second', 'seconds');

export const en = {
  /** The BCP 47 tag of this catalogue, as Discord sends it. */
  locale: 'en-US',

  common: {
    noName: () => '(no name)',
    /** A count, formatted for this locale (1,234 / 1.234). */
    number: (p: { value: number }) => n(p.value),
    yes: () => 'yes',
    no: () => 'no',
    unknown: () => 'unknown',
    sandboxFooter: () =>
      'SANDBOX: a local Z-API simulator answered. Nothing reached Z-API and nothing was billed.',
    tokenSecret: (p: { spoiler: string }) =>
      `Instance token, shown only to you; keep it secret: ${p.spoiler}`,
    andMore: (p: { count: number }) => `…and ${n(p.count)} more: see \`/zapi-list\`.`,
    sameNameInstances: (p: { count: number; name: string }) =>
      `${n(p.count)} instances are named "${p.name}". Pick one from the suggestions of \`id\`.`,
    unknownInstance: (p: { typed: string }) =>
      `\`id\`: no instance of this partner has the id or name "${p.typed}". Pick one from the suggestions.`,
    fieldName: () => 'Name',
    fieldId: () => 'ID',
    subscribeButton: () => 'Subscribe',
    qrCodeButton: () => 'QR code',
    abortButton: () => 'Abort',
    confirmButton: () => 'Confirm',
    aborted: () => 'Aborted: nothing was sent to Z-API.',
  },

  errors: {
    fixOptions: (p: { problems: string }) =>
      `Nothing was sent to Z-API. Please fix:\n${p.problems}`,
    /** One problem whose field has no Discord option: the schema's path, then the reason. */
    fieldProblem: (p: { field: string; reason: string }) => `${p.field} ${p.reason}`,
    zapiSaid: (p: { message: string }) => `Z-API said: "${p.message}".`,
    tryAgain: (p: { when: string }) => `Try again ${p.when}.`,
    internal: () => 'Something went wrong inside the bot. It was logged; nothing more is known.',
    unknownCommand: (p: { command: string }) =>
      `This bot does not know \`/${p.command}\`: its commands need deploying again (\`pnpm discord:deploy\`).`,
    unknownButton: () => 'This button is no longer served by the bot.',
    resultNotShown: () => 'The result could not be shown here.',
    resultNotShownCreated: (p: { id: string }) =>
      `The result could not be shown here. The instance \`${p.id}\` was created: find it with \`/zapi-list\`.`,
    restarting: () => 'The bot is restarting: nothing was done. Try again in a minute.',
    zapi: {
      ZAPI_INVALID_INPUT: () => 'Some options are not valid.',
      ZAPI_UNAUTHORIZED: () =>
        'Z-API refused the partner token. The bot operator must check ZAPI_PARTNER_TOKEN.',
      ZAPI_FORBIDDEN: () =>
        'Z-API refused the request (forbidden). The bot operator must check ZAPI_CLIENT_TOKEN and the account security settings.',
      ZAPI_NOT_FOUND: () => 'Z-API does not know that instance.',
      ZAPI_METHOD_NOT_ALLOWED: () =>
        'Z-API refused the call (method not allowed). This is a bug in the bot; please report it.',
      ZAPI_UNSUPPORTED_MEDIA_TYPE: () =>
        'Z-API refused the call (unsupported media type). This is a bug in the bot; please report it.',
      ZAPI_REJECTED: () => 'Z-API refused the request.',
      ZAPI_RATE_LIMITED: () =>
        'Z-API is rate limiting the partner account. Nothing was done; try again shortly.',
      ZAPI_UPSTREAM_ERROR: () =>
        'Z-API had an internal error. Nothing was done; try again shortly.',
      ZAPI_TIMEOUT: () => 'Z-API did not answer in time. Nothing was done; try again shortly.',
      ZAPI_NETWORK: () => 'The bot could not reach Z-API. Nothing was done; try again shortly.',
      ZAPI_BAD_RESPONSE: () => 'Z-API answered with something unexpected.',
      ZAPI_OUTCOME_UNKNOWN: () => 'Z-API may or may not have done it.',
      IDEMPOTENCY_KEY_REUSED: () =>
        'That request was already made with other options. Nothing was sent.',
      STORE_UNAVAILABLE: () =>
        "The bot's shared state (Redis) cannot be reached. Nothing was sent; try again shortly.",
      ZAPI_CIRCUIT_OPEN: () =>
        'Z-API kept failing, so the bot paused creating and changing instances for a moment. Nothing was sent; listing still works.',
    } satisfies Record<ZapiErrorCode, () => string>,
  },

  /**
   * The reasons `@zapikit/schema` gives for a refused value, recognised by messages.ts. The
   * English ones repeat the schema's words exactly (a test checks), so numbers stay unformatted.
   */
  reasons: {
    required: () => 'is required',
    notKnownField: () => 'is not a known field',
    notValid: () => 'is not valid',
    mustBeText: () => 'must be a text',
    mustBeNumber: () => 'must be a number',
    mustBeWholeNumber: () => 'must be a whole number',
    mustBeTrueOrFalse: () => 'must be true or false',
    mustBeObject: () => 'must be an object',
    mustBeList: () => 'must be a list',
    mustBeDate: () => 'must be a date',
    mustBeTrueCalls: () => 'must be true (calls cannot be removed)',
    notEmpty: () => 'must not be empty',
    atMostCharacters: (p: { max: number }) => `must be at most ${p.max} characters`,
    atLeastCharacters: (p: { min: number }) => `must be at least ${p.min} characters`,
    atMostItems: (p: { max: number }) => `must have at most ${p.max} items`,
    atLeastItems: (p: { min: number }) => `must have at least ${p.min} items`,
    atMost: (p: { max: number }) => `must be at most ${p.max}`,
    orMore: (p: { min: number }) => `must be ${p.min} or more`,
    multipleOf: (p: { divisor: number }) => `must be a multiple of ${p.divisor}`,
    oneOf: (p: { values: string }) => `must be one of: ${p.values}`,
    webOrMobile: () => 'must be "web" or "mobile"',
    validFormat: (p: { format: string }) => `must be a valid ${p.format}`,
    noControlCharacters: () => 'must not contain control characters',
    noInvisibleCharacters: () => 'must not contain invisible or control characters',
    httpsUrl: () => 'must be an https:// URL',
    httpsOrLoopbackUrl: () => 'must be an https:// URL (plain http only to a loopback address)',
    validHttpsUrl: () => 'must be a valid absolute https:// URL',
    noSpacesInUrl: () => 'must not contain spaces or control characters',
    noCredentialsInUrl: () => 'must not contain a user name or password',
    zapiInstanceId: () => 'must be a Z-API instance id (letters, digits, - and _)',
    zapiInstanceToken: () => 'must be a Z-API instance token (letters, digits, - and _)',
    phoneNumber: () => 'must be a phone number in international form, digits only (5511999999999)',
    someWebhook: () => 'must change at least one webhook',
  },

  access: {
    notInGuild: () => 'The Z-API commands work only inside a server.',
    guildNotAllowed: () =>
      'This server is not allowed to use the Z-API bot. Ask its operator to add it to DISCORD_ALLOWED_GUILD_IDS.',
    roleNotAllowed: () =>
      'You do not hold a role allowed to use the Z-API bot (DISCORD_ALLOWED_ROLE_IDS). Nothing was sent to Z-API.',
  },

  guards: {
    cooldown: (p: { when: string }) =>
      `You ran a paid command moments ago. Try again ${p.when}; nothing was sent to Z-API.`,
    storeUnavailable: () =>
      'The bot cannot reach its shared state (Redis), which keeps paid commands from running twice, so it did not run this one. Nothing was sent to Z-API: try again in a minute. Commands that only read (/zapi-list, /zapi-status) still work.',
    someone: () => 'someone',
    nameInFlight: (p: { name: string; member: string }) =>
      `A create for "${p.name}" is already in progress (started by ${p.member}). Nothing was sent again: wait for it, then check /zapi-list.`,
    nameUnknown: (p: { name: string; member: string; when: string }) =>
      `A create for "${p.name}" by ${p.member} may or may not have reached Z-API. Nothing was sent again: check /zapi-list first; the name can be used again ${p.when}.`,
    nameCutOff: (p: { name: string; member: string; when: string }) =>
      `A create for "${p.name}" by ${p.member} was cut off before Z-API answered (its bot process stopped), so it may or may not have reached Z-API. Nothing was sent again: check /zapi-list first; the name can be used again ${p.when}.`,
    nameDone: (p: { name: string; member: string; when: string }) =>
      `A create for "${p.name}" by ${p.member} just finished: check /zapi-list; the name can be used again ${p.when}.`,
    subscriptionInFlight: (p: { id: string; member: string }) =>
      `A subscription of \`${p.id}\` is already in progress (started by ${p.member}). Nothing was sent again: wait for it, then check /zapi-status.`,
    subscriptionUnknown: (p: { id: string; member: string; when: string }) =>
      `A subscription of \`${p.id}\` by ${p.member} may or may not have reached Z-API. Nothing was sent again: check /zapi-status first; it can be tried again ${p.when}.`,
    subscriptionCutOff: (p: { id: string; member: string; when: string }) =>
      `A subscription of \`${p.id}\` by ${p.member} was cut off before Z-API answered (its bot process stopped), so it may or may not have reached Z-API. Nothing was sent again: check /zapi-status first; it can be tried again ${p.when}.`,
    subscriptionDone: (p: { id: string; member: string; when: string }) =>
      `\`${p.id}\` was subscribed moments ago by ${p.member}. Nothing was sent again; it can be subscribed again ${p.when}.`,
  },

  drain: {
    stoppingNothingSent: () =>
      'The bot is restarting: nothing was sent to Z-API. Try again in a minute.',
    stoppingMaybeSent: () =>
      'The bot is restarting and this did not finish in time. Try again in a minute; if it changes something (a cancellation), check `/zapi-status` first.',
  },

  deliver: {
    lateCommand: (p: { member: string; command: string }) =>
      `${p.member}, your \`/${p.command}\` finished after Discord's 15-minute reply window closed, so the result is here.`,
    lateButton: (p: { member: string }) =>
      `${p.member}, your button press finished after Discord's 15-minute reply window closed, so the result is here.`,
    imageLeftOut: () => '(An image was left out: press the button again to see it.)',
    showTokenButton: () => 'Show token (only to you)',
  },

  create: {
    outcomeUnknown: (p: { name: string; reason: string }) =>
      `Z-API may have created **${p.name}**, but its answer was lost (${p.reason}). Do not simply run \`/zapi-create\` again: that could create, and bill, a second instance.`,
    outcomeUnknownTitle: () => 'Outcome unknown: check before creating again',
    lookupFailed: (p: { reason: string; name: string }) =>
      `Looking the name up failed too (${p.reason}), so it may exist: check \`/zapi-list\` with \`query:${p.name}\`.`,
    noneFoundYet: () =>
      'No instance with that name was found afterwards, but Z-API may still be creating it: check `/zapi-list` in a minute.',
    candidate: (p: { id: string; created: string | undefined; due: string | undefined }) =>
      `• \`${p.id}\`${p.created ? `, created ${p.created}` : ''}${p.due ? `, trial ends ${p.due}` : ''}`,
    namedLikeThis: () => 'Instances named like this',
    drained: (p: { name: string }) =>
      `The bot is restarting and Z-API had not answered yet, so **${p.name}** may or may not have been created. Do not simply run \`/zapi-create\` again: that could create, and bill, a second instance.`,
    drainedCheck: (p: { name: string; minutes: number }) =>
      `Check \`/zapi-list\` with \`query:${p.name}\` in a minute. The name stays blocked for ${count(p.minutes, 'minute', 'minutes')} meanwhile.`,
    createdTitle: () => 'Instance created',
    createdDescription: () =>
      'This is a **trial** instance: subscribe it within 2 days, or Z-API deletes it. Scan its QR code with WhatsApp to connect a phone.',
    trialEnds: () => 'Trial ends',
    trialEndsUnsaid: () => 'in 2 days (Z-API did not say exactly)',
    sameName: (p: { count: number; name: string }) =>
      `${p.count === 1 ? 'An instance' : `${n(p.count)} instances`} named **${p.name}** already ${p.count === 1 ? 'exists' : 'exist'}. Create another one with the same name? Nothing is sent to Z-API unless you confirm.`,
    existing: (p: { id: string; created: string | undefined }) =>
      `• \`${p.id}\`, created ${p.created ?? 'unknown'}`,
    sameNameTitle: () => 'This name is already taken',
    createAnotherButton: () => 'Create another',
    cancelButton: () => 'Cancel',
    cancelled: () => 'Cancelled: nothing was sent to Z-API.',
    confirmationExpired: () =>
      'This confirmation has expired or was already answered: nothing was sent to Z-API. Run `/zapi-create` again.',
    notYours: () => 'Only the member who ran `/zapi-create` can confirm it.',
  },

  list: {
    connected: () => 'connected',
    notConnected: () => 'not connected',
    due: (p: { when: string }) => `due ${p.when}`,
    title: (p: { page: number; pages: number; total: number }) =>
      `Instances: page ${n(p.page)} of ${n(p.pages)} (${n(p.total)} in all)`,
    noSuchPage: (p: { page: number }) => `There is no page ${n(p.page)}.`,
    empty: () => 'No instances.',
    /** The embed field that carries a list's search; read back when a page button is pressed. */
    searchField: () => 'Search',
    previousButton: () => 'Previous',
    nextButton: () => 'Next',
  },

  status: {
    connectedTitle: () => 'Connected',
    notConnectedTitle: () => 'Not connected',
    whatsappConnected: () => 'WhatsApp connected',
    phoneOnline: () => 'Phone online',
    zapiSays: () => 'Z-API says',
    alreadyConnectedTitle: () => 'Already connected',
    alreadyConnected: (p: { name: string }) =>
      `A phone is connected to **${p.name}**: there is no QR code to scan.`,
    scanTitle: () => 'Scan to connect',
    scan: (p: { name: string }) =>
      `In WhatsApp on the phone: **Linked devices → Link a device**, then scan this code for **${p.name}**. It changes every 20 seconds or so; press the button again if it expires.`,
  },

  /** `/zapi-connect`: its first reply and every edit of the reply that follows the phone. */
  connect: {
    scanTitle: () => 'Scan to connect',
    scan: (p: { name: string; id: string; until: string }) =>
      `In WhatsApp on the phone: **Linked devices → Link a device**, then scan this code for **${p.name}** (\`${p.id}\`). The code changes about every 20 seconds and this message follows it until the phone connects; it stops waiting ${p.until}.`,
    pairingTitle: () => 'Type this code on the phone',
    pairing: (p: { name: string; id: string; phone: string; until: string }) =>
      `In WhatsApp on ${p.phone}: **Linked devices → Link a device → Link with phone number instead**, then type this code for **${p.name}** (\`${p.id}\`). This message says when the phone connects, or stops waiting ${p.until}.`,
    connectedTitle: () => 'Connected',
    connected: (p: { name: string; id: string; phone: string | undefined }) =>
      p.phone === undefined
        ? `A phone is connected to **${p.name}** (\`${p.id}\`).`
        : `${p.phone} is connected to **${p.name}** (\`${p.id}\`).`,
    alreadyConnectedTitle: () => 'Already connected',
    alreadyConnected: (p: { name: string; id: string; phone: string | undefined }) =>
      `${p.phone ?? 'A phone'} is already connected to **${p.name}** (\`${p.id}\`): there is nothing to scan. To connect another phone, use \`/zapi-disconnect\` first.`,
    timedOutTitle: () => 'Stopped waiting',
    timedOut: (p: { name: string; id: string; seconds: number }) =>
      `No phone connected to **${p.name}** (\`${p.id}\`) within ${duration(p.seconds)}. Run \`/zapi-connect\` again for a fresh code.`,
    stoppedTitle: () => 'Stopped waiting',
    stopped: (p: { name: string; id: string }) =>
      `The bot is restarting, so this message no longer follows **${p.name}** (\`${p.id}\`). Run \`/zapi-connect\` again in a minute; check \`/zapi-status\` first.`,
  },

  restart: {
    confirmTitle: () => 'Restart this instance?',
    confirm: (p: { name: string; id: string }) =>
      `Restart **${p.name}** (\`${p.id}\`)? Z-API restarts it and it reconnects by itself, without a new scan. Messages wait while it restarts.`,
    restartedTitle: () => 'Instance restarted',
    restarted: (p: { name: string; id: string }) =>
      `**${p.name}** (\`${p.id}\`) is restarting. Check \`/zapi-status\` in a moment.`,
  },

  disconnect: {
    confirmTitle: () => 'Disconnect the phone?',
    confirm: (p: { name: string; id: string }) =>
      `Disconnect the phone from **${p.name}** (\`${p.id}\`)? The instance stops sending and receiving messages (webhooks too) until a phone connects again with \`/zapi-connect\`.`,
    disconnectedTitle: () => 'Phone disconnected',
    disconnected: (p: { name: string; id: string }) =>
      `**${p.name}** (\`${p.id}\`) has no phone now. Connect one again with \`/zapi-connect\`.`,
  },

  /** The events channel's posts: in the server's preferred locale, since no member caused them. */
  events: {
    connectedTitle: () => 'Phone connected',
    disconnectedTitle: () => 'Phone disconnected',
    instanceField: () => 'Instance',
    phoneField: () => 'Phone',
    sinceField: () => 'Since',
    disconnectedNote: (p: { seconds: number }) =>
      `Still disconnected after ${duration(p.seconds)}. Reconnect with \`/zapi-connect\`.`,
  },

  cancel: {
    confirmTitle: () => 'Cancel this subscription?',
    confirm: (p: { name: string; id: string; due: string | undefined }) =>
      `Cancel **${p.name}** (\`${p.id}\`)? It stays usable until its due date${p.due ? ` (${p.due})` : ''}, then Z-API stops it.`,
    confirmButton: () => 'Confirm',
    cancelledTitle: () => 'Subscription cancelled',
    cancelled: (p: { name: string; id: string; due: string | undefined }) =>
      `**${p.name}** (\`${p.id}\`) is cancelled. It stays usable until its due date${p.due ? ` (${p.due})` : ''}.`,
  },

  subscribe: {
    drained: (p: { id: string; minutes: number }) =>
      `The bot is restarting and Z-API had not answered yet, so \`${p.id}\` may or may not be subscribed. Check \`/zapi-status\` in a minute before subscribing again; another subscription of it is refused for ${count(p.minutes, 'minute', 'minutes')} meanwhile.`,
    subscribedTitle: () => 'Instance subscribed',
    subscribed: (p: { name: string; withCalls: boolean }) =>
      `**${p.name}** is subscribed${p.withCalls ? ', with calls' : ''}: it will not be deleted at the end of its trial.`,
    confirmTitle: () => 'Subscribe this instance?',
    confirm: (p: { name: string; id: string; trialEnds: string | undefined }) =>
      `Subscribing **${p.name}** (\`${p.id}\`) bills the partner account.${p.trialEnds ? ` Its trial ends ${p.trialEnds}.` : ''}`,
    withCallsButton: () => 'Subscribe with calls',
  },

  token: {
    notYours: () => 'Only the member who created this instance can see its token here.',
  },
};

/** Every sentence the bot says, in one language. */
export type Messages = typeof en;
