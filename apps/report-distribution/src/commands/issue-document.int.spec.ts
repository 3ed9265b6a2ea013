import { randomUUID } from 'node:crypto';
import type { Caller } from '@sec-assure/auth';
import { startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { reportDistributionService } from '../app';

// Contract README §2 (a PARTY_USER never learns of another party's assessments) and R-DIST-4 (nobody
// learns that something not its own exists): issueDocument answers an assessmentId the caller may not
// read exactly as one that does not exist. Whoever reads every party's assessments (the User CIO, the
// SSC) is told precisely that the assessment is another party's.

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`;
const TABLES = ['document', 'document_recipient', 'outbox_message'];

describe('issueDocument: an assessment of another party is NOT_FOUND to whoever may not read it (contract README §2, R-DIST-4)', () => {
  let service: SubgraphHarness;
  const subject = randomUUID();
  const other = randomUUID();
  const ownAssessment = randomUUID();
  const othersAssessment = randomUUID();
  const cio: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
  const ssc: Caller = { sub: 'ssc-1', roles: ['SSC_MEMBER'], partyId: null };
  const userOfSubject: Caller = { sub: 'user-of-subject', roles: ['PARTY_USER'], partyId: subject };

  const issue = (caller: Caller, kind: string, assessmentId: string) =>
    service.gql<{ issueDocument: { id: string } }>(caller, ISSUE, { input: { subjectPartyId: subject, kind, assessmentId, title: `${kind} 2026`, content: 'Text.' } });
  /** What a refusal tells the caller, with the id it was asked about written as <id>. */
  const told = (result: Awaited<ReturnType<typeof issue>>, id: string) => {
    const error = result.errors?.[0];
    return { code: error?.code, field: error?.extensions?.field, message: error?.message.split(id).join('<id>') };
  };

  beforeAll(async () => {
    service = await startSubgraphHarness('report-distribution', reportDistributionService({ clock: () => new Date('2026-03-02T12:00:00Z') }));
    const party = (partyId: string, name: string) => ({ partyId, name, userRoles: ['GAS_SUPPLIER' as const], isSharedResourceProvider: false, domesticPremises: null });
    await service.publish('PartyRegistered', party(subject, `Issuing subject ${subject}`));
    await service.publish('PartyRegistered', party(other, `Other party ${other}`));
    await service.publish('FieldworkCompleted', { assessmentId: ownAssessment, partyId: subject, completedOn: '2026-02-01' });
    await service.publish('FieldworkCompleted', { assessmentId: othersAssessment, partyId: other, completedOn: '2026-02-01' });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("contract README §2: a PARTY_USER naming another party's assessment is told what it is told of an unknown id, and nothing is stored", async () => {
    const before = await service.counts(TABLES);
    for (const kind of ['MANAGEMENT_RESPONSE', 'REMEDIATION_PROGRESS']) {
      const unknownId = randomUUID();
      const unknown = told(await issue(userOfSubject, kind, unknownId), unknownId);
      const others = told(await issue(userOfSubject, kind, othersAssessment), othersAssessment);
      expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
      expect([kind, others]).toEqual([kind, unknown]);
    }
    expect(await service.counts(TABLES)).toEqual(before);
    // Its own party's assessment is accepted.
    const own = await issue(userOfSubject, 'MANAGEMENT_RESPONSE', ownAssessment);
    expect(own.errors).toBeUndefined();
  });

  it("the User CIO and the SSC, who read every party's assessments, keep the precise refusal (BAD_USER_INPUT naming assessmentId)", async () => {
    for (const [caller, kind] of [[cio, 'ASSESSMENT_REPORT'], [ssc, 'SSC_OUTCOME']] as const) {
      const result = await issue(caller, kind, othersAssessment);
      expect(result.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'assessmentId' } });
      expect(result.errors?.[0]?.message).toContain(`is not an assessment of the subject party ${subject}`);
      const unknownId = randomUUID();
      expect((await issue(caller, kind, unknownId)).errors?.[0]?.code).toBe('NOT_FOUND');
    }
  });
});
