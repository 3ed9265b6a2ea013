import type { Role } from '@sec-assure/auth';
import type { Population } from './seed';

/**
 * What the contract README §2 lets each caller see, written from the seeded population alone (not
 * from the platform's own policy), and a check of any response against it.
 */
export interface WalkCaller {
  label: string;
  role: Role;
  partyId?: string;
}

interface Expectation {
  kind: 'oversight' | 'cio' | 'party';
  own: string | null;
  /** Parties a party user may meet at all: its own, its providers, its own users. */
  knownParties: Set<string>;
  ownAssessments: Set<string>;
  /** Documents its party is a recipient of (party user), or that it issued (User CIO). */
  documents: Set<string>;
}

const IDENTITY_KEYS = new Set(['__typename', 'id', 'name']);
/** Of a party not its own, a party user sees the id and name only (contract README §2). */
const PARTY_ONLY_TO_OVERSIGHT = ['engagementsAsUser', 'engagementsAsProvider', 'history'];
/** Types no party user reaches: registers and reports across parties. */
/** Rule what-ifs sweep the whole register: SECAS and the SSC only (R-SET-5). */
const OVERSIGHT_WHAT_IF = ['WhatIfRuleSet', 'AssessmentLoadWhatIf', 'WhatIfThresholdOutcome', 'WhatIfTypeChange'];
const NEVER_TO_PARTY_USER = new Set(['PartyChange', 'EngagementNotificationGap', 'AssessmentLoad', 'AssessmentLoadPartyRow', 'AssessmentLoadComparison', 'AssessmentDue', ...OVERSIGHT_WHAT_IF]);
/** R-DEF-1: non-compliance cases and their recommendations are the SSC's business (oversight, and a flagged user's own view). */
const NON_COMPLIANCE = ['NonComplianceCase', 'EventOfDefaultRecommendation', 'ProviderNonComplianceCase'];
/** The User CIO looks parties up (id and name); a party's register details are "own party or oversight" (schema.graphql). */
const NEVER_TO_CIO = new Set(['PartyChange', 'EngagementNotificationGap', 'Engagement', 'SharedResource', 'UserRolePeriod', 'DomesticPremisesCount', ...NON_COMPLIANCE, ...OVERSIGHT_WHAT_IF]);
const PARTY_DETAILS = [
  'contactEmail', 'userRoles', 'userRoleHistory', 'isSharedResourceProvider', 'sharedResourceProviderFrom',
  'domesticPremises', 'domesticPremisesHistory', 'sharedResources', 'registeredAt', 'providerNonCompliance', 'providerNonComplianceCases',
];
/** R-DEF-1: what a flagged user never reads of its provider's recommendation: the assessment's outcome, who raised it. */
const RECOMMENDATION_OVERSIGHT_ONLY = ['status', 'raisedBy'];

export function expectationOf(caller: WalkCaller, population: Population): Expectation {
  if (caller.role === 'SECAS_ADMIN' || caller.role === 'SSC_MEMBER') {
    return { kind: 'oversight', own: null, knownParties: new Set(), ownAssessments: new Set(), documents: new Set() };
  }
  if (caller.role === 'USER_CIO') {
    const issued = population.documents.filter((d) => d.issuedBy === 'e2e-user_cio').map((d) => d.id);
    return { kind: 'cio', own: null, knownParties: new Set(), ownAssessments: new Set(), documents: new Set(issued) };
  }
  const own = caller.partyId!;
  const known = new Set([own]);
  for (const e of population.engagements) {
    if (e.userPartyId === own) known.add(e.providerPartyId);
    if (e.providerPartyId === own) known.add(e.userPartyId);
  }
  // A document it received names its subject (its provider, or itself).
  const received = population.documents.filter((d) => d.recipients.includes(own));
  received.forEach((d) => known.add(d.subjectPartyId));
  return {
    kind: 'party',
    own,
    knownParties: known,
    ownAssessments: new Set(population.assessments.filter((a) => a.partyId === own).map((a) => a.id)),
    documents: new Set(received.map((d) => d.id)),
  };
}

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
const carries = (value: Json | undefined): boolean => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
const idOf = (value: Json | undefined): string | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value['id'] === 'string' ? value['id'] : undefined;

/** Every object of the response that this caller may not see, as "where: why" lines. */
export function inspect(expectation: Expectation, value: Json | undefined, where: string, labels: Map<string, string>, findings: string[]): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => inspect(expectation, item, `${where}[${i}]`, labels, findings));
    return;
  }
  const type = typeof value['__typename'] === 'string' ? value['__typename'] : undefined;
  const id = idOf(value);
  const name = (partyId: string | undefined): string => (partyId ? (labels.get(partyId) ?? partyId) : '?');
  const flag = (why: string): void => {
    findings.push(`${where}: ${why}`);
  };
  if (type && expectation.kind === 'party') {
    if (type === 'Party' && id !== undefined && id !== expectation.own) {
      if (!expectation.knownParties.has(id)) flag(`party ${name(id)} is neither its own, a provider nor a user of its own party`);
      const extra = Object.keys(value).filter((k) => !IDENTITY_KEYS.has(k) && carries(value[k]));
      if (extra.length > 0) flag(`party ${name(id)} (not its own) carries ${extra.join(', ')}`);
    }
    if (type === 'Assessment' && id !== undefined && !expectation.ownAssessments.has(id)) flag(`${name(id)} is not an assessment of its own party`);
    if (type === 'Document' && id !== undefined && !expectation.documents.has(id)) flag(`${name(id)} was not sent to its party`);
    if (type === 'DocumentRecipient' && idOf(value['party']) !== undefined && idOf(value['party']) !== expectation.own) {
      flag(`the copy of ${name(idOf(value['party']))} is not its party's`);
    }
    if (type === 'Engagement' && idOf(value['user']) !== undefined && idOf(value['user']) !== expectation.own && idOf(value['provider']) !== expectation.own) {
      flag(`engagement ${name(id)} is not its party's`);
    }
    if ((type === 'AssessmentTimingOverride' || type === 'AssessmentDue') && idOf(value['party']) !== expectation.own) flag(`${type} of ${name(idOf(value['party']))}`);
    if (NEVER_TO_PARTY_USER.has(type)) flag(`${type} is for oversight only`);
    if (type === 'EventOfDefaultRecommendation') for (const key of RECOMMENDATION_OVERSIGHT_ONLY) if (carries(value[key])) flag(`recommendation ${name(id)} carries ${key}`);
  }
  if (type && expectation.kind === 'cio') {
    if (NEVER_TO_CIO.has(type)) flag(`${type} is not the User CIO's to read`);
    if (type === 'Party') for (const key of [...PARTY_ONLY_TO_OVERSIGHT, ...PARTY_DETAILS]) if (carries(value[key])) flag(`party ${name(id)} carries ${key}`);
    if (type === 'Document' && id !== undefined && !expectation.documents.has(id)) flag(`${name(id)} was not issued by this User CIO`);
  }
  for (const [key, child] of Object.entries(value)) if (key !== '__typename') inspect(expectation, child, `${where}.${key}`, labels, findings);
}

export type { Json };
