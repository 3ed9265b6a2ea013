// Every message the platform sends, in one place: a template is a pure function of its facts.

export type TemplateName = 'ASSESSMENT_DUE_SOON' | 'SCHEDULING_OVERDUE' | 'DOCUMENT_ISSUED' | 'COPY_NOT_ACKNOWLEDGED' | 'PROVIDER_NON_COMPLIANCE_DECIDED';

export interface Mail {
  subject: string;
  text: string;
}

const SIGNATURE = '\n\nSECAS, on behalf of the Smart Energy Code Security Sub-Committee.\nThis message was sent by sec-assure; replies are not read.';

export const TEMPLATES = {
  ASSESSMENT_DUE_SOON: (f: { partyName: string; dueBy: string }): Mail => ({
    subject: `User Security Assessment due by ${f.dueBy}: please schedule it`,
    text: `${f.partyName}'s next annual User Security Assessment is due by ${f.dueBy}, within 30 days. Please agree a date with SECAS so that it can be scheduled (R-SCHED-1).${SIGNATURE}`,
  }),
  SCHEDULING_OVERDUE: (f: { partyName: string; dueBy: string }): Mail => ({
    subject: `User Security Assessment overdue since ${f.dueBy}`,
    text: `${f.partyName}'s next annual User Security Assessment was due by ${f.dueBy} and has not been scheduled (R-SCHED-1). Please contact SECAS.${SIGNATURE}`,
  }),
  DOCUMENT_ISSUED: (f: { partyName: string; title: string; kind: string; issuedOn: string; sha256: string }): Mail => ({
    subject: `Document issued to you: ${f.title}`,
    text: `A copy of "${f.title}" (${f.kind}, issued ${f.issuedOn}) is now available to ${f.partyName} (R-DIST-2). Please read and acknowledge it (R-DIST-3).\nIts sha256 is ${f.sha256}.${SIGNATURE}`,
  }),
  COPY_NOT_ACKNOWLEDGED: (f: { partyName: string; title: string; issuedOn: string; workingDays: number }): Mail => ({
    subject: `Please acknowledge: ${f.title}`,
    text: `${f.partyName} has not acknowledged its copy of "${f.title}", issued ${f.issuedOn}, ${f.workingDays} Working Days ago (R-DIST-3).${SIGNATURE}`,
  }),
  PROVIDER_NON_COMPLIANCE_DECIDED: (f: { partyName: string; providerName: string; decision: string; decidedOn: string; isProvider: boolean }): Mail => decided({ ...f, decision: f.decision.replace(/_/g, ' ').toLowerCase() }),
} satisfies Record<TemplateName, (facts: never) => Mail>;

function decided(f: { partyName: string; providerName: string; decision: string; decidedOn: string; isProvider: boolean }): Mail {
  return {
    subject: `Non-compliance decision about ${f.providerName}`,
    text: f.isProvider
      ? `On ${f.decidedOn} the SSC decided the non-compliance case about ${f.providerName}: ${f.decision} (R-DEF-1).${SIGNATURE}`
      : `On ${f.decidedOn} the SSC decided the non-compliance case about ${f.providerName}, a Shared Resource Provider ${f.partyName} uses: ${f.decision} (R-DEF-1).${SIGNATURE}`,
  };
}
