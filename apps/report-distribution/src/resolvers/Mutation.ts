import { authorize, issueDocumentAction } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { validateIssue } from '../domain/issue-input';
import { issueDocument } from '../commands/issue-document';
import { acknowledgeDocument } from '../commands/acknowledge-document';
import { markCopyIssuedInError } from '../commands/mark-copy-issued-in-error';
import { validateReason } from '../domain/reason';

export const Mutation: MutationResolvers = {
  issueDocument: async (_root, { input }, ctx) => {
    // Who may issue which kind about whom is the role table's (libs/auth), before anything else.
    authorize(ctx.caller, issueDocumentAction(input.kind), { partyId: input.subjectPartyId });
    const issue = validateIssue(input, ctx.today);
    const { document, recipients } = await issueDocument(ctx.dataSource, issue, {
      issuer: ctx.caller,
      actor: ctx.caller.sub,
      now: ctx.now,
      correlationId: ctx.correlationId,
    });
    ctx.recipientsOf.prime(document.id, recipients);
    return document;
  },
  acknowledgeDocument: async (_root, { documentId }, ctx) => {
    // Only a party user, for its own party's copy (R-DIST-3).
    authorize(ctx.caller, 'acknowledgeDocument', { partyId: ctx.caller.partyId });
    return acknowledgeDocument(ctx.dataSource, documentId, ctx.caller.partyId as string, {
      actor: ctx.caller.sub,
      now: ctx.now,
      correlationId: ctx.correlationId,
    });
  },
  markCopyIssuedInError: async (_root, { documentId, partyId, reason }, ctx) => {
    // R-DIST-7: SECAS only.
    authorize(ctx.caller, 'markCopyIssuedInError');
    return markCopyIssuedInError(ctx.dataSource, { documentId, partyId, reason: validateReason(reason) }, {
      actor: ctx.caller.sub,
      now: ctx.now,
      correlationId: ctx.correlationId,
    });
  },
};
