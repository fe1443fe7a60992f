// End to end: the real bot process, the real discord.js client, a fake Discord and a sandbox
// playing Z-API (in live mode, so faults can be injected and requests counted).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everythingSaid, SECRETS, startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd();
}, 40_000);
afterAll(async () => {
  await e2e.close();
});
afterEach(() => {
  e2e.sandbox.faults.clear();
});

const DEFERRED_REPLY = 5;
const EPHEMERAL = 64;
const creates = () => e2e.sandbox.count('create');

describe('/zapi-create', () => {
  it('acknowledges at once, creates once, and answers privately with the instance', async () => {
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Loja Centro', 'call-reject-auto': true },
      { member: e2e.people.member },
    );
    const ack = await e2e.fake.ack(sent);
    expect(ack).toMatchObject({ type: DEFERRED_REPLY, data: { flags: EPHEMERAL } });

    const reply = await e2e.fake.reply(sent);
    expect(creates()).toBe(before + 1);
    const created = e2e.sandbox.instances.all().find((instance) => instance.name === 'Loja Centro');
    expect(created).toBeDefined();
    expect(created?.attributes.callRejectAuto).toBe(true);

    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Instance created');
    expect(embed?.description).toMatch(/subscribe it within 2 days/);
    expect(embed?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'ID', value: `\`${created?.id}\`` }),
        expect.objectContaining({ name: 'Name', value: 'Loja Centro' }),
        expect.objectContaining({
          name: 'Trial ends',
          value: expect.stringMatching(/^<t:\d+:F> \(<t:\d+:R>\)$/),
        }),
      ]),
    );
    // The token only in the ephemeral reply, behind a spoiler; never in the embed.
    expect(reply.content).toContain(`||${created?.token}||`);
    expect(JSON.stringify(reply.embeds)).not.toContain(created?.token);
    const buttons = reply.components.flatMap((row) =>
      row.components.map((button) => button.custom_id),
    );
    expect(buttons).toEqual([`zapi:subscribe:${created?.id}`, `zapi:qr:${created?.id}`]);

    const audit = await e2e.bot.waitForLog(/"audit":true.*"outcome":"created"/);
    expect(JSON.parse(audit)).toMatchObject({
      command: 'zapi-create',
      memberId: e2e.people.member.id,
      guildId: e2e.people.guild.id,
      instanceId: created?.id,
      outcome: 'created',
    });
    expect(e2e.bot.lines.join('\n')).not.toContain(created?.token);
  });

  it('names each bad option and sends nothing', async () => {
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      {
        name: 'bad hooks',
        'delivery-callback-url': 'http://insecure.example/hook',
        'received-delivery-callback-url': 'not a url',
      },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent);
    expect(reply.content).toMatch(/^Nothing was sent to Z-API/);
    expect(reply.content).toMatch(/`delivery-callback-url`: .*https/);
    // The shortened option is named as the member typed it, not by its schema field.
    expect(reply.content).toMatch(/`received-delivery-callback-url`: /);
    expect(reply.content).not.toMatch(/receivedAndDeliveryCallbackUrl|deliveryCallbackUrl/);
    expect(creates()).toBe(before);
  });

  it('still acknowledges at once while Z-API is slow', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 2_000 } });
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'slow one' },
      { member: e2e.people.member },
    );
    const ack = await e2e.fake.ack(sent);
    expect(ack.at - sent.sentAt).toBeLessThan(500);
    expect(sent.edits).toHaveLength(0);
    const reply = await e2e.fake.reply(sent, 10_000);
    expect(reply.embeds[0]?.title).toBe('Instance created');
    expect(creates()).toBe(before + 1);
  });

  it('refuses a member without an allowed role, and a server not on the list, sending nothing', async () => {
    const before = creates();
    const outsider = e2e.fake.command(
      'zapi-create',
      { name: 'not mine' },
      { member: e2e.people.outsider },
    );
    expect((await e2e.fake.ack(outsider)).data?.flags).toBe(EPHEMERAL);
    expect((await e2e.fake.reply(outsider)).content).toMatch(/role allowed/);

    const elsewhere = e2e.fake.command(
      'zapi-create',
      { name: 'not ours' },
      { member: e2e.people.member, guild: e2e.people.otherGuild },
    );
    expect((await e2e.fake.reply(elsewhere)).content).toMatch(/server is not allowed/);
    expect(creates()).toBe(before);
    await e2e.bot.waitForLog(new RegExp(`"interactionId":"${elsewhere.id}".*BOT_NOT_ALLOWED`));
  });

  it('answers a repeated delivery of one interaction once, and creates once', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 300 } });
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'delivered twice' },
      { member: e2e.people.member },
    );
    e2e.fake.redeliver(sent);
    await e2e.fake.reply(sent);
    await e2e.bot.waitForLog(/repeated delivery/);
    expect(creates()).toBe(before + 1);
    const callbacks = e2e.fake.calls.filter((call) =>
      call.path.startsWith(`/api/v10/interactions/${sent.id}/`),
    );
    expect(callbacks).toHaveLength(1);
  });

  it('refuses a second create for a name still in flight', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 1_500 } });
    const before = creates();
    const first = e2e.fake.command(
      'zapi-create',
      { name: 'in flight' },
      { member: e2e.people.member },
    );
    await e2e.fake.ack(first);
    const second = e2e.fake.command(
      'zapi-create',
      { name: '  in flight ' },
      { member: e2e.people.colleague },
    );
    const refused = await e2e.fake.reply(second);
    expect(refused.content).toMatch(/already in progress .*<@\d+>.*Nothing was sent again/);
    expect((await e2e.fake.reply(first, 10_000)).embeds[0]?.title).toBe('Instance created');
    expect(creates()).toBe(before + 1);
  });

  it('says when Z-API may have created it, lists the candidates, and warns against retrying', async () => {
    e2e.sandbox.faults.inject({
      route: 'create',
      fault: { kind: 'status', status: 500 },
      phase: 'after',
      times: 1,
    });
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'maybe made' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent, 15_000);
    const made = e2e.sandbox.instances.all().find((instance) => instance.name === 'maybe made');
    expect(made).toBeDefined();
    expect(reply.content).toMatch(/may have created \*\*maybe made\*\*/);
    expect(reply.content).toMatch(/Do not simply run `\/zapi-create` again/);
    expect(reply.embeds[0]?.description).toContain(made?.id);
    expect(JSON.stringify(reply)).not.toContain(made?.token);
    expect(creates()).toBe(before + 1);
    await e2e.bot.waitForLog(/"outcome":"ZAPI_OUTCOME_UNKNOWN"/);

    // Nobody creates that name again until they have had time to check: not even a colleague.
    const again = e2e.fake.command(
      'zapi-create',
      { name: 'maybe made' },
      { member: e2e.people.colleague },
    );
    expect((await e2e.fake.reply(again)).content).toMatch(
      /may or may not have reached Z-API\. Nothing was sent again: check \/zapi-list first; the name can be used again <t:\d+:R>/,
    );
    expect(creates()).toBe(before + 1);
  });

  it("lists at most ten candidates, so the reply stays within Discord's limits", async () => {
    for (let i = 0; i < 12; i += 1) e2e.sandbox.instances.create({ name: 'popular name' });
    e2e.sandbox.faults.inject({
      route: 'create',
      fault: { kind: 'status', status: 502 },
      phase: 'after',
      times: 1,
    });
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'popular name' },
      { member: e2e.people.member },
    );
    // The name is taken twelve times over: the bot asks first, listing ten.
    const asked = await e2e.fake.reply(sent);
    expect(asked.embeds[0]?.description?.split('\n').at(-1)).toBe('…and 2 more: see `/zapi-list`.');
    const confirm = e2e.fake.press(asked, `zapi:create-confirm:${sent.id}`, {
      member: e2e.people.member,
    });
    const lines = (await e2e.fake.reply(confirm, 15_000)).embeds[0]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe('…and 3 more: see `/zapi-list`.');
  });

  it('asks before creating a name that already exists, showing its id and creation time; Cancel sends nothing', async () => {
    const existing = e2e.sandbox.instances.create({ name: 'Loja Existente' });
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Loja Existente' },
      { member: e2e.people.colleague },
    );
    const asked = await e2e.fake.reply(sent);
    expect(asked.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(asked.content).toMatch(
      /An instance named \*\*Loja Existente\*\* already exists\. Create another one with the same name\? Nothing is sent to Z-API unless you confirm\./,
    );
    const createdAt = Math.floor(existing.created / 1_000);
    expect(asked.embeds[0]?.description).toBe(
      `• \`${existing.id}\`, created <t:${createdAt}:f> (<t:${createdAt}:R>)`,
    );
    expect(asked.components[0]?.components.map((button) => button.custom_id)).toEqual([
      `zapi:create-confirm:${sent.id}`,
      `zapi:create-cancel:${sent.id}`,
    ]);
    expect(creates()).toBe(before);

    const cancel = e2e.fake.press(asked, `zapi:create-cancel:${sent.id}`, {
      member: e2e.people.colleague,
    });
    const cancelled = await e2e.fake.reply(cancel);
    expect(cancelled.content).toBe('Cancelled: nothing was sent to Z-API.');
    expect(cancelled.components).toEqual([]);
    // The confirmation is gone: a Confirm pressed after Cancel (a stale message) sends nothing.
    const late = e2e.fake.press(asked, `zapi:create-confirm:${sent.id}`, {
      member: e2e.people.colleague,
    });
    expect((await e2e.fake.followUp(late)).content).toMatch(/expired or was already answered/);
    expect(creates()).toBe(before);
  });

  it('creates the same name once on Confirm, however often Confirm is pressed', async () => {
    e2e.sandbox.instances.create({ name: 'Loja Dupla' });
    const before = creates();
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'Loja Dupla' },
      { member: e2e.people.member },
    );
    const asked = await e2e.fake.reply(sent);
    const confirmId = `zapi:create-confirm:${sent.id}`;
    // A double click: two presses of one button, two interactions.
    const presses = [
      e2e.fake.press(asked, confirmId, { member: e2e.people.member }),
      e2e.fake.press(asked, confirmId, { member: e2e.people.member }),
    ];
    const answers = await Promise.all(
      presses.map((press) =>
        e2e.fake.waitFor(() => press.edits.at(-1) ?? press.followUps[0], 15_000),
      ),
    );
    const titles = answers.map((answer) => answer.embeds[0]?.title ?? answer.content);
    expect(titles).toContain('Instance created');
    expect(titles.filter((title) => title === 'Instance created')).toHaveLength(1);
    expect(creates()).toBe(before + 1);
    expect(e2e.sandbox.instances.all().filter((i) => i.name === 'Loja Dupla')).toHaveLength(2);
  });

  it('maps a Z-API refusal to a sentence with its code, without the Client-Token it echoed', async () => {
    e2e.sandbox.faults.inject({
      route: 'create',
      fault: {
        kind: 'status',
        status: 403,
        body: { error: `bad client token ${SECRETS.clientToken}` },
      },
      times: 1,
    });
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'forbidden' },
      { member: e2e.people.member },
    );
    const reply = await e2e.fake.reply(sent);
    expect(reply.content).toMatch(/ZAPI_FORBIDDEN/);
    expect(reply.content).not.toContain(SECRETS.clientToken);
  });

  it('posts the result in the channel when the interaction token has run out, token held back', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 500 } });
    const sent = e2e.fake.command(
      'zapi-create',
      { name: 'late answer' },
      { member: e2e.people.member },
    );
    await e2e.fake.ack(sent);
    e2e.fake.expire(sent);
    const posted = await e2e.fake.waitFor(() =>
      e2e.fake.channelMessages.find((message) =>
        message.embeds[0]?.fields?.some((field) => field.value === 'late answer'),
      ),
    );
    const made = e2e.sandbox.instances.all().find((instance) => instance.name === 'late answer');
    expect(posted.content).toContain(`<@${e2e.people.member.id}>`);
    expect(posted.content).toMatch(/15-minute reply window/);
    expect(JSON.stringify(posted)).not.toContain(made?.token);
    const tokenButton = `zapi:token:${made?.id}:${e2e.people.member.id}`;
    // Only the member-bound button goes public: not Subscribe or QR code, which anyone could press.
    expect(posted.components.flatMap((row) => row.components.map((b) => b.custom_id))).toEqual([
      tokenButton,
    ]);

    const stranger = e2e.fake.press(posted, tokenButton, { member: e2e.people.colleague });
    expect((await e2e.fake.reply(stranger)).content).toMatch(/Only the member who created/);
    const creator = e2e.fake.press(posted, tokenButton, { member: e2e.people.member });
    const revealed = await e2e.fake.reply(creator);
    expect(revealed.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(revealed.content).toContain(`||${made?.token}||`);
  });
});

describe('autocomplete of instance ids', () => {
  it('suggests instances by name, and nothing to a refused member', async () => {
    const suggest = e2e.fake.autocomplete('zapi-status', 'id', 'Loja', {
      member: e2e.people.member,
    });
    const ack = await e2e.fake.ack(suggest);
    expect(ack.type).toBe(8);
    const loja = e2e.sandbox.instances.all().find((instance) => instance.name === 'Loja Centro');
    expect(ack.data?.choices).toContainEqual({
      name: `Loja Centro · ${loja?.id}`,
      value: loja?.id,
    });

    const refused = e2e.fake.autocomplete('zapi-status', 'id', 'Loja', {
      member: e2e.people.outsider,
    });
    expect((await e2e.fake.ack(refused)).data?.choices).toEqual([]);
  });

  it('asks Z-API once for the same search typed again within seconds', async () => {
    const lists = () => e2e.sandbox.count('list');
    const before = lists();
    for (const member of [e2e.people.member, e2e.people.colleague, e2e.people.member]) {
      const sent = e2e.fake.autocomplete('zapi-cancel', 'id', 'Centro', { member });
      expect((await e2e.fake.ack(sent)).data?.choices?.length).toBeGreaterThan(0);
    }
    expect(lists()).toBe(before + 1);
    const other = e2e.fake.autocomplete('zapi-cancel', 'id', 'Loja C', {
      member: e2e.people.member,
    });
    await e2e.fake.ack(other);
    expect(lists()).toBe(before + 2);
  });
});

describe('secrets', () => {
  it('never sends or logs the partner, client or Discord token, nor an instance token outside an ephemeral reply', () => {
    const said = everythingSaid(e2e);
    for (const secret of Object.values(SECRETS)) {
      // The bot token appears only where it belongs: the Authorization header of bot calls.
      expect(said).not.toContain(secret);
    }
    const tokens = e2e.sandbox.instances.all().map((instance) => instance.token);
    const logs = [...e2e.bot.lines, ...e2e.bot.stderr].join('\n');
    const channel = JSON.stringify(e2e.fake.channelMessages);
    for (const token of tokens) {
      expect(logs).not.toContain(token);
      expect(channel).not.toContain(token);
    }
    for (const sent of e2e.fake.interactions.values()) {
      for (const message of [...sent.edits, ...sent.followUps]) {
        const shown = tokens.some((token) => message.content.includes(token));
        if (shown) expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
      }
    }
  });
});
