import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope, type EventType } from '@sec-assure/events';
import { DEFAULT_WORKING_DAY_CALENDAR } from '@sec-assure/rules';
import { ADMIN, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { partyRegistryService } from '../app';
import { loadConfig } from '../config';
import { startTestMailbox, type CapturedMail, type TestMailbox } from '../testing/test-mailbox';
import { readNotificationConfig, type NotificationConfig } from './config';
import { startNotificationRounds, type Notifier } from './notifier';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const CONTACT = `mutation($id: ID!, $email: String) { setPartyContactEmail(partyId: $id, email: $email) { id } }`;
const GIVE_UP = `mutation($id: ID!, $from: Date!) { giveUpUserRole(partyId: $id, role: IMPORT_SUPPLIER, effectiveFrom: $from) { id } }`;

/**
 * R-SCHED-1 notices: "assessment scheduling due in 30 days" and "scheduling overdue", from the
 * projection of assessment-scheduling's events, sent by the round to an SMTP server on loopback.
 *
 * Deterministic by construction: the day is injected (one clock for the service, its consumer and
 * the round); the SMTP server listens on a port the system picks (no clash with another spec's
 * server, in this jest process or the other worker); the events go through the service's own
 * consumer handler with its processed_event de-duplication (no Kafka group to join and no topic
 * history to skip); and a round returns only after the server accepted each message, which is
 * captured before the server answers, so no test waits or sleeps for mail.
 */
describe('assessment due within 30 days and scheduling overdue, by email, once each (R-SCHED-1)', () => {
  let h: SubgraphHarness;
  let mailbox: TestMailbox;
  let config: NotificationConfig;
  let rounds: Notifier;
  let mails: CapturedMail[] = [];
  let today = '2026-03-02';
  const clock = (): Date => new Date(`${today}T12:00:00Z`);
  const startRounds = (): Notifier => startNotificationRounds({ dataSource: h.dataSource, logger: h.logger, config, clock, calendar: DEFAULT_WORKING_DAY_CALENDAR });

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    mails = mailbox.mails;
    const { port } = mailbox;
    // A round every hour at most: within the test only runOnce sends.
    config = { ...readNotificationConfig({ SMTP_PORT: String(port) }), enabled: true, intervalMs: 3_600_000 };
    h = await startSubgraphHarness('party-registry', partyRegistryService({ ...loadConfig(), clock, notifications: config }), { now: clock });
    rounds = startRounds();
  });
  afterAll(async () => {
    await rounds?.stop();
    await mailbox?.close();
    await h?.stop();
  });

  async function party(name: string, email: string | null): Promise<string> {
    const registered = await h.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name, userRoles: ['IMPORT_SUPPLIER'] } });
    const id = registered.data!.registerParty.id;
    if (email) expect((await h.gql(ADMIN, CONTACT, { id, email })).errors).toBeUndefined();
    return id;
  }
  const statusSet = (partyId: string, nextDueBy: string): EventEnvelope<'AssuranceStatusSet'> =>
    buildEvent('AssuranceStatusSet', { assessmentId: randomUUID(), partyId, status: 'APPROVED', setOn: '2025-03-01', conditions: null, nextDueBy }, { occurredAt: clock() });
  const deliver = (event: EventEnvelope<EventType>): Promise<void> => h.deliver(event);
  const sentTo = (): Array<[string, string]> => mails.map((m): [string, string] => [m.to, m.subject]).sort();
  const rowsFor = async (partyId: string): Promise<number> =>
    ((await h.dataSource.query('SELECT count(*)::int AS n FROM notification WHERE party_id = $1', [partyId])) as Array<{ n: number }>)[0]!.n;

  it('each notice is sent once: not again the next round, the next day, after a restart of the round or a redelivered or repeated event', async () => {
    const soon = await party('Due Soon Energy', 'security@soon.example');
    const late = await party('Overdue Energy', 'security@late.example');
    const silent = await party('No Address Energy', null);
    const booked = await party('Booked Energy', 'security@booked.example');
    const later = await party('Later Energy', 'security@later.example');

    const soonEvent = statusSet(soon, '2026-03-20');
    for (const event of [soonEvent, statusSet(late, '2026-02-27'), statusSet(silent, '2026-03-10'), statusSet(booked, '2026-03-15'), statusSet(later, '2026-04-10')]) {
      await deliver(event);
    }
    // The booked party's next annual assessment is scheduled: nothing is due from it.
    await deliver(
      buildEvent('AssessmentScheduled', {
        assessmentId: randomUUID(), partyId: booked, type: 'FULL', calendarYear: 2026, scheduledFor: '2026-03-12', determinationDate: today,
        ruleSet: 'SECMP0044', charge: null, chargePence: null, reliesOn: [], followUpOf: null,
      }, { occurredAt: clock() }),
    );

    // 2026-03-02: due by 2026-03-20 is within 30 days; 2026-02-27 is overdue; 2026-04-10 is more than 30 days away.
    expect(await rounds.runOnce()).toEqual({ queued: 2, sent: 2 });
    expect(sentTo()).toEqual([
      ['security@late.example', 'User Security Assessment overdue since 2026-02-27'],
      ['security@soon.example', 'User Security Assessment due by 2026-03-20: please schedule it'],
    ]);
    expect(mails.find((m) => m.to === 'security@soon.example')?.text).toContain("Due Soon Energy's next annual User Security Assessment is due by 2026-03-20");
    expect(await rounds.runOnce()).toEqual({ queued: 0, sent: 0 });

    // A restart of the round (a new transport), the same event redelivered, and the status set again with the same due date.
    await rounds.stop();
    rounds = startRounds();
    await deliver(soonEvent);
    await deliver(statusSet(soon, '2026-03-20'));
    expect(await rounds.runOnce()).toEqual({ queued: 0, sent: 0 });
    today = '2026-03-03';
    expect(await rounds.runOnce()).toEqual({ queued: 0, sent: 0 });
    expect(mails).toHaveLength(2);

    // 2026-03-21: the first party's assessment is now overdue (told once more, of that); the later one falls within 30 days.
    today = '2026-03-21';
    expect(await rounds.runOnce()).toEqual({ queued: 2, sent: 2 });
    expect(sentTo()).toEqual([
      ['security@late.example', 'User Security Assessment overdue since 2026-02-27'],
      ['security@later.example', 'User Security Assessment due by 2026-04-10: please schedule it'],
      ['security@soon.example', 'User Security Assessment due by 2026-03-20: please schedule it'],
      ['security@soon.example', 'User Security Assessment overdue since 2026-03-20'],
    ]);
    today = '2026-03-22';
    await rounds.stop();
    rounds = startRounds();
    expect(await rounds.runOnce()).toEqual({ queued: 0, sent: 0 });
    expect(mails).toHaveLength(4);

    // Never a message for the party without an address, nor for the booked one (overdue since 2026-03-15, but booked).
    expect(await rowsFor(silent)).toBe(0);
    expect(await rowsFor(booked)).toBe(0);
    expect(mails.map((m) => m.to)).not.toContain('security@booked.example');
  });

  it('R-PARTY-1: a party that gave up its only User Role needs no annual assessment: told of no due date; one that kept it is', async () => {
    today = '2026-03-23';
    const kept = await party('Kept Role Energy', 'security@kept.example');
    const gaveUp = (await h.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name: 'Gave Up Role Energy', userRoles: ['IMPORT_SUPPLIER'], rolesEffectiveFrom: '2025-01-01' } })).data!.registerParty.id;
    expect((await h.gql(ADMIN, CONTACT, { id: gaveUp, email: 'security@gave-up.example' })).errors).toBeUndefined();
    expect((await h.gql(ADMIN, GIVE_UP, { id: gaveUp, from: today })).errors).toBeUndefined();
    await deliver(statusSet(kept, '2026-03-10'));
    await deliver(statusSet(gaveUp, '2026-03-10'));
    const before = mails.length;
    await rounds.runOnce();
    expect(mails.slice(before).map((m) => [m.to, m.subject])).toEqual([['security@kept.example', 'User Security Assessment overdue since 2026-03-10']]);
    expect(await rowsFor(gaveUp)).toBe(0);
  });

  it('a cancelled booking makes the assessment due again: the overdue notice follows at the next round, once', async () => {
    today = '2026-03-22';
    const cancelledParty = await party('Cancelled Booking Energy', 'security@cancelled.example');
    await deliver(statusSet(cancelledParty, '2026-03-01'));
    const assessmentId = randomUUID();
    await deliver(
      buildEvent('AssessmentScheduled', {
        assessmentId, partyId: cancelledParty, type: 'FULL', calendarYear: 2026, scheduledFor: '2026-04-01', determinationDate: today,
        ruleSet: 'SECMP0044', charge: null, chargePence: null, reliesOn: [], followUpOf: null,
      }, { occurredAt: clock() }),
    );
    // Booked: a round tells this party nothing (whatever else it sends).
    await rounds.runOnce();
    const before = mails.length;
    expect(mails.map((m) => m.to)).not.toContain('security@cancelled.example');
    await deliver(
      buildEvent('AssessmentCancelled', {
        assessmentId, partyId: cancelledParty, type: 'FULL', calendarYear: 2026, previousState: 'SCHEDULED', reason: 'The party asked for another date',
        cancelledOn: today, cancelledBy: 'admin-1', cancelledAt: clock().toISOString(),
      }, { occurredAt: clock() }),
    );
    expect(await rounds.runOnce()).toEqual({ queued: 1, sent: 1 });
    expect(await rounds.runOnce()).toEqual({ queued: 0, sent: 0 });
    expect(mails.slice(before).map((m) => [m.to, m.subject])).toEqual([['security@cancelled.example', 'User Security Assessment overdue since 2026-03-01']]);
  });
});
