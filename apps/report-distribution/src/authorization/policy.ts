import { action, anyOf, emptyWhenDenied, forbiddenWhenDenied, inherited, isAllowed, onlyItems, open, rolesOf, rule, type Caller, type SubgraphPolicy } from '@sec-assure/auth';
import type { ResolversParentTypes } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { documentView } from '../domain/access';

/**
 * Who may read each field of report-distribution, wherever it is reached: a root field, a party's
 * documentsReceived (for any party the gateway names), a copy's document (contract README §2,
 * R-DIST-4). Applied by guardResolvers in app.ts; a field not named here is denied and listed by
 * policy.spec.ts. A document is read by oversight, by a user of a recipient party, or by the User
 * CIO who issued it; to anyone else it is absent, exactly like one that does not exist.
 */
const isIssuingCio = (caller: Caller, issuedBy: string): boolean => caller.roles.includes('USER_CIO') && issuedBy === caller.sub;

const documentReader = rule<{ id: string; issuedBy: string }, Context>(
  'oversight, a user of a recipient party, or the User CIO who issued it (R-DIST-4)',
  async (doc, _args, ctx) => {
    const recipients = await ctx.recipientsOf.load(doc.id);
    return documentView(ctx.caller, { recipientPartyIds: recipients.map((r) => r.partyId), issuedBy: doc.issuedBy }) !== null;
  },
);

const copyReader = anyOf<{ partyId: string; documentId: string }, Context>(
  action('readDocumentAsOversight'),
  action('readDocumentAsRecipient', (copy) => copy.partyId),
  rule('the User CIO who issued the document', async (copy, _args, ctx) => {
    const doc = await ctx.documentById.load(copy.documentId);
    return doc !== null && isIssuingCio(ctx.caller, doc.issuedBy);
  }),
);

export const policy: SubgraphPolicy<ResolversParentTypes, Context> = {
  Query: {
    fields: {
      // R-DIST-4: the resolver answers null for a document the caller may not see, as for a missing one.
      document: open('the resolver answers null for a document the caller may not see'),
      // The resolver narrows a party user to its own party.
      unacknowledgedDocuments: anyOf(action('readDocumentAsOversight'), rolesOf('readDocumentAsRecipient')),
      distributionPack: action('readDocumentAsOversight'),
    },
  },
  Mutation: {
    // Each resolver authorizes with the party (and, for issueDocument, the kind) its arguments name.
    fields: {
      issueDocument: anyOf(
        rolesOf('issueAssessmentReport'),
        rolesOf('issueManagementResponse'),
        rolesOf('issueRemediationDocument'),
        rolesOf('issueSscOutcome'),
      ),
      acknowledgeDocument: rolesOf('acknowledgeDocument'),
      markCopyIssuedInError: rolesOf('markCopyIssuedInError'),
    },
  },
  Party: {
    reference: open('documentsReceived is checked against the party'),
    fields: {
      id: open('the id of any party'),
      // R-DIST-4: of a party not the caller's, nothing is learned (an empty list, as the schema says).
      documentsReceived: emptyWhenDenied(
        anyOf(action('readDocumentAsOversight'), action('readDocumentAsRecipient', (party) => party.id), rolesOf('issueAssessmentReport')),
      ),
    },
  },
  Document: {
    default: documentReader,
    fields: {
      // R-DIST-2: a party user sees only its own party's copy.
      recipients: onlyItems(
        documentReader,
        (copy: { partyId: string }, ctx: Context, doc) =>
          isAllowed(ctx.caller, 'readDocumentAsOversight') || isIssuingCio(ctx.caller, doc.issuedBy) || copy.partyId === ctx.caller.partyId,
        "oversight and the issuing User CIO see every copy; a party user its own party's",
      ),
    },
  },
  DocumentRecipient: {
    default: copyReader,
    fields: {
      // R-DIST-4: the proof's positions, head and following hashes count every entry of the record, other
      // parties' documents and acknowledgements included: a party user would learn that those exist and when.
      // FORBIDDEN, not null: null says the record holds no entry for the copy.
      recordProof: forbiddenWhenDenied(action('readDocumentAsOversight')),
    },
  },
  CopyRecordProof: { default: inherited('DocumentRecipient.recordProof checks the copy reader') },
  ExportFile: { default: inherited('Query.distributionPack checks readDocumentAsOversight') },
};
