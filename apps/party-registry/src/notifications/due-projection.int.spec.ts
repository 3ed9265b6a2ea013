import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope, type EventType } from '@sec-assure/events';
import { DEFAULT_WORKING_DAY_CALENDAR } from '@sec-assure/rules';
import { ADMIN, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { partyRegistryService } from '../app';
import { loadConfig } from '../config';
import { startTestMailbox, type CapturedMail, type TestMailbox } from '../testing/test-mailbox';
import { readNotificationConfig } from './config';
import { startNotificationRounds, type Notifier } from './notifier';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const CONTACT = `mutation($id: ID!, $email: String) { setPartyContactEmail(partyId: $id, email: $email) { id } }`;

type AssessmentType = 'FULL' | 'VERIFICATION' | 'SELF' | 'FOLLOW_UP';
const at = (day: string): Date => new Date(`${day}T12:00:00Z`);

const scheduled = (assessmentId: string, partyId: string, type: AssessmentType, scheduledFor: string, scheduledOn: string): EventEnvelope<'AssessmentScheduled'> =>
  buildEvent(
    'AssessmentScheduled',
    {
      assessmentId, partyId, type, calendarYear: Number(scheduledFor.slice(0, 4)), scheduledFor, determinationDate: scheduledOn,
      ruleSet: 'SECMP0044', charge: null, chargePence: null, reliesOn: [], followUpOf: null, scheduledOn,
    },
    { occurredAt: at(scheduledOn) },
  );
const statusSet = (assessmentId: string, partyId: string, setOn: string, nextDueBy: string): EventEnvelope<'AssuranceStatusSet'> =>
  buildEvent('AssuranceStatusSet', { assessmentId, partyId, status: 'APPROVED', setOn, conditions: null, nextDueBy }, { occurredAt: at(setOn) });
const cancelled = (assessmentId: string, partyId: string, type: AssessmentType, cancelledOn: string): EventEnvelope<'AssessmentCancelled'> =>
  buildEvent(
    'AssessmentCancelled',
    { assessmentId, partyId, type, calendarYear: 2026, previousState: 'SCHEDULED', reason: 'The party asked for another date', cancelledOn, cancelledBy: 'admin-1', cancelledAt: at(cancelledOn).toISOString() },
    { occurredAt: at(cancelledOn) },
  );
const overridden = (partyId: string, dueBy: string, day: string): EventEnvelope<'AssessmentTimingOverridden'> =>
  buildEvent(
    'AssessmentTimingOverridden',
    { overrideId: randomUUID(), partyId, dueBy, previousDueBy: null, reason: 'Affected by the transition to SECMP0044', overriddenBy: 'ssc-1', overriddenAt: at(day).toISOString() },
    { occurredAt: at(day) },
  );

/**
 * R-SCHED-1, R-SCHED-2: the due notices follow the rules' partyDue over a per-assessment projection, whatever the
 * order in which assessment-scheduling's events of different assessments (keyed by assessment) arrive.
 */
describe('the due date behind the notices, projected per assessment (R-SCHED-1, R-SCHED-2)', () => {
  let h: SubgraphHarness;
  let mailbox: TestMailbox;
  let rounds: Notifier;
  let mails: CapturedMail[] = [];
  const today = '2026-03-22';
  const clock = (): Date => at(today);

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    mails = mailbox.mails;
    const config = { ...readNotificationConfig({ SMTP_PORT: String(mailbox.port) }), enabled: true, intervalMs: 3_600_000 };
    h = await startSubgraphHarness('party-registry', partyRegistryService({ ...loadConfig(), clock, notifications: config }), { now: clock });
    rounds = startNotificationRounds({ dataSource: h.dataSource, logger: h.logger, config, clock, calendar: DEFAULT_WORKING_DAY_CALENDAR });
  });
  afterAll(async () => {
    await rounds?.stop();
    await mailbox?.close();
    await h?.stop();
  });

  async function party(name: string, email: string): Promise<string> {
    const registered = await h.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name, userRoles: ['IMPORT_SUPPLIER'] } });
    const id = registered.data!.registerParty.id;
    expect((await h.gql(ADMIN, CONTACT, { id, email })).errors).toBeUndefined();
    return id;
  }
  const deliverAll = async (events: ReadonlyArray<EventEnvelope<EventType>>): Promise<void> => {
    for (const event of events) await h.deliver(event);
  };
  const dueRow = async (partyId: string): Promise<{ due_by: string; booked: boolean } | undefined> =>
    ((await h.dataSource.query(`SELECT to_char(due_by, 'YYYY-MM-DD') AS due_by, booked FROM notification_due WHERE party_id = $1`, [partyId])) as Array<{ due_by: string; booked: boolean }>)[0];
  const mailsTo = (email: string): string[] => mails.filter((m) => m.to === email).map((m) => m.subject);

  it('R-SCHED-1: a status set after the next annual assessment was booked keeps it booked: no overdue notice', async () => {
    const p = await party('Booked Ahead Energy', 'security@ahead.example');
    const [a1, a2] = [randomUUID(), randomUUID()];
    // a1's status (due 2026-03-01) arrives after a2, the next annual assessment, was booked on 2026-02-01.
    await deliverAll([scheduled(a1, p, 'FULL', '2025-02-01', '2025-01-10'), scheduled(a2, p, 'SELF', '2026-04-15', '2026-02-01'), statusSet(a1, p, '2025-03-01', '2026-03-01')]);
    expect(await dueRow(p)).toEqual({ due_by: '2026-03-01', booked: true });
    await rounds.runOnce();
    expect(mailsTo('security@ahead.example')).toEqual([]);
  });

  it("R-SCHED-1, R-TYPE-1: a FOLLOW_UP's status does not restart the 12 months: overdue since the annual one's date", async () => {
    const p = await party('Followed Up Energy', 'security@followed.example');
    const [a1, f1] = [randomUUID(), randomUUID()];
    await deliverAll([
      scheduled(a1, p, 'FULL', '2025-02-01', '2025-01-10'),
      statusSet(a1, p, '2025-03-01', '2026-03-01'),
      scheduled(f1, p, 'FOLLOW_UP', '2025-08-01', '2025-07-01'),
      statusSet(f1, p, '2025-09-01', '2026-09-01'),
    ]);
    expect(await dueRow(p)).toEqual({ due_by: '2026-03-01', booked: false });
    await rounds.runOnce();
    expect(mailsTo('security@followed.example')).toEqual(['User Security Assessment overdue since 2026-03-01']);
  });

  it('R-SCHED-1, R-SCHED-2: the events of different assessments delivered in another order give the same due row', async () => {
    /** One party's history: each assessment's events in order (same key), and the SSC's overrides (keyed by party). */
    const history = (p: string): Array<Array<EventEnvelope<EventType>>> => {
      const [a1, a2, a3, f1] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      return [
        [scheduled(a1, p, 'FULL', '2024-02-01', '2024-01-05'), statusSet(a1, p, '2024-03-01', '2025-03-01')],
        // R-SCHED-2: made while a1's status ruled; lapses once a2's status restarts the clock.
        [overridden(p, '2025-04-30', '2024-06-01')],
        [scheduled(a2, p, 'VERIFICATION', '2025-03-15', '2025-01-15'), statusSet(a2, p, '2025-04-01', '2026-04-01')],
        // R-SCHED-2: made for a2's step: it replaces 2026-04-01.
        [overridden(p, '2026-06-30', '2025-05-01')],
        [scheduled(f1, p, 'FOLLOW_UP', '2025-06-15', '2025-06-01'), statusSet(f1, p, '2025-07-01', '2026-07-01')],
        // A cancelled booking does not meet the duty (R-STATUS-2).
        [scheduled(a3, p, 'SELF', '2026-05-01', '2026-02-01'), cancelled(a3, p, 'SELF', '2026-02-10')],
      ];
    };
    const inOrder = randomUUID();
    const reversedByKey = randomUUID();
    const reversedAltogether = randomUUID();
    await deliverAll(history(inOrder).flat());
    await deliverAll(history(reversedByKey).reverse().flat());
    // Defensive: even each assessment's own events the other way round (a status before its booking).
    await deliverAll(history(reversedAltogether).flat().reverse());
    const expected = { due_by: '2026-06-30', booked: false };
    expect(await dueRow(inOrder)).toEqual(expected);
    expect(await dueRow(reversedByKey)).toEqual(expected);
    expect(await dueRow(reversedAltogether)).toEqual(expected);

    // Then the next annual assessment is booked: the duty is met, for either party.
    for (const p of [inOrder, reversedByKey]) {
      await h.deliver(scheduled(randomUUID(), p, 'FULL', '2026-06-01', '2026-03-01'));
      expect(await dueRow(p)).toEqual({ due_by: '2026-06-30', booked: true });
    }
  });
});
