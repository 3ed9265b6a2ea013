import { RuleInputError } from '../errors';
import type { Engagement } from '../parties/engagements';
import { countAssessments, type PopulationParty } from './impact-count';

// The count's own reading of its input: the refusals name the population entry exactly, and the
// decisions recorded in countAssessments (who counts as a User of whom) hold at their edges.
const provider: PopulationParty = { id: 'P', userRoles: [], isSharedResourceProvider: true };
const supplier = (id: string, domesticPremises: number | null, since: number | null = 0): PopulationParty => ({
  id,
  userRoles: ['GAS_SUPPLIER'],
  isSharedResourceProvider: false,
  domesticPremises,
  annualAssessmentsSinceLastFull: since,
});
const engage = (userPartyId: string, providerPartyId: string): Engagement => ({ userPartyId, providerPartyId, startDate: '2015-01-01', endDate: null });
const ownOf = (r: ReturnType<typeof countAssessments>, id: string) => r.byParty.find((p) => p.partyId === id)?.ownAssessment;

describe('R-IMPACT-1: the count refuses a population it cannot read, naming the entry', () => {
  const refusal = (change: object): unknown => {
    try {
      countAssessments({ parties: [provider, supplier('A', 1)], engagements: [], year: 2020, ...change });
    } catch (error) {
      return error;
    }
    return null;
  };

  it.each([
    [{ parties: [{ ...supplier('A', 1), id: 7 }] }, 'parties[0].id', 'parties[0].id must name the party.'],
    [{ parties: [null] }, 'parties[0].id', 'parties[0].id must name the party.'],
    [{ parties: [supplier('A', 1), supplier('A', 2)] }, 'parties[1].id', 'parties[1].id A appears twice.'],
    [{ engagements: [engage('Z', 'P')] }, 'engagements[0].userPartyId', 'engagements[0].userPartyId Z is not in the population.'],
    [{ engagements: [engage('A', 'Z')] }, 'engagements[0].providerPartyId', 'engagements[0].providerPartyId Z is not in the population.'],
    [{ engagements: [engage('P', 'P')] }, 'engagements[0].userPartyId', 'engagements[0].userPartyId P holds no User Role, so it cannot use a provider.'],
    [
      { parties: [{ ...supplier('A', 1), annualAssessmentsSinceLastFull: 1.5 }] },
      'parties[0].annualAssessmentsSinceLastFull',
      'parties[0].annualAssessmentsSinceLastFull must be a whole number, 0 or more (or null before User Entry); got 1.5.',
    ],
  ])('R-IMPACT-1: refusal %#: %s', (change, field, message) => {
    const error = refusal(change);
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ field, message });
  });

  it('R-IMPACT-1: an error that is not a refusal of input passes through unchanged', () => {
    const trap = { get SUPPLIER(): number { throw new TypeError('broken record'); } };
    const parties = [{ ...supplier('A', 1), annualAssessmentsSinceLastFullByCategory: trap }] as unknown as PopulationParty[];
    expect(() => countAssessments({ parties, engagements: [], year: 2020 })).toThrow(new TypeError('broken record'));
  });
});

describe('R-IMPACT-1, R-PREM-2: what the count reads of each party', () => {
  it('R-PREM-2: a premises history that starts after 1 January gives no count on that day: the large band', () => {
    const party = { ...supplier('A', null, 1), premisesHistory: [{ count: 10, effectiveFrom: '2020-01-02' }] };
    // Year 3 of a small supplier is SELF; unknown premises are never small: a large supplier's FULL.
    expect(ownOf(countAssessments({ parties: [party], engagements: [], year: 2020, ruleSet: 'SECMP0044' }), 'A')).toBe('FULL');
    expect(ownOf(countAssessments({ parties: [party], engagements: [], year: 2021, ruleSet: 'SECMP0044' }), 'A')).toBe('SELF');
  });

  it('R-SET-2: under LEGACY only a User that uses a provider is FULL as though a Large Supplier', () => {
    const network: PopulationParty = { id: 'N', userRoles: ['GAS_TRANSPORTER'], isSharedResourceProvider: false, domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0 };
    const alone = countAssessments({ parties: [provider, network], engagements: [], year: 2020, ruleSet: 'LEGACY' });
    const using = countAssessments({ parties: [provider, network], engagements: [engage('N', 'P')], year: 2020, ruleSet: 'LEGACY' });
    expect([ownOf(alone, 'N'), ownOf(using, 'N')]).toEqual(['VERIFICATION', 'FULL']);
  });

  it('R-SRP-5, R-SRP-6: a provider holding a User Role is one of its own Users: its premises are in its aggregate', () => {
    // D alone has 200,000; with A's 100,000 the aggregate passes 250,000 (FULL in year 2 as a provider).
    const dual: PopulationParty = { id: 'D', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 200_000, annualAssessmentsSinceLastFull: 0 };
    const r = countAssessments({ parties: [dual, supplier('A', 100_000)], engagements: [engage('A', 'D')], year: 2020, ruleSet: 'SECMP0044' });
    expect(ownOf(r, 'D')).toBe('FULL');
    const without = countAssessments({ parties: [dual, supplier('A', 10_000)], engagements: [engage('A', 'D')], year: 2020, ruleSet: 'SECMP0044' });
    expect(ownOf(without, 'D')).toBe('VERIFICATION');
  });

  it('R-SET-2, R-PREM-2: under LEGACY a User of two providers is unknown when any other User of either lacks a count', () => {
    const parties = [provider, { ...provider, id: 'Q' }, supplier('A', 1_000), supplier('B', 1_000), supplier('C', null)];
    const engagements = [engage('A', 'P'), engage('A', 'Q'), engage('B', 'P'), engage('C', 'Q')];
    const r = countAssessments({ parties, engagements, year: 2020, ruleSet: 'LEGACY' });
    // A: B known, C unknown -> large band (FULL, as though a Large Supplier); B: only A with it on P -> small.
    expect([ownOf(r, 'A'), ownOf(r, 'B')]).toEqual(['FULL', 'VERIFICATION']);
    const known = countAssessments({ parties: [...parties.slice(0, 4), supplier('C', 1_000)], engagements, year: 2020, ruleSet: 'LEGACY' });
    expect(ownOf(known, 'A')).toBe('VERIFICATION');
  });
});

describe('R-SET-2: under LEGACY the other Users of a User\'s providers, each counted once', () => {
  it('R-SET-2: with one provider, the aggregate less the User itself', () => {
    // 100,000 + the other's 100,000 = 200,000: small, VERIFICATION in year 2 (its own counted twice would be large).
    const r = countAssessments({ parties: [provider, supplier('A', 100_000), supplier('B', 100_000)], engagements: [engage('A', 'P'), engage('B', 'P')], year: 2020, ruleSet: 'LEGACY' });
    expect([ownOf(r, 'A'), ownOf(r, 'B')]).toEqual(['VERIFICATION', 'VERIFICATION']);
  });

  it('R-SET-2: with two providers, only their Users, whatever the User\'s place in the register', () => {
    // A (second in the register) uses P and Q; B uses P with 300,000: A is large. C and D use R only.
    const parties = [provider, supplier('A', 1_000), { ...provider, id: 'Q' }, supplier('B', 300_000), { ...provider, id: 'R' }, supplier('C', 1_000), supplier('D', 300_000)];
    const r = countAssessments({ parties, engagements: [engage('A', 'P'), engage('A', 'Q'), engage('B', 'P'), engage('C', 'R'), engage('D', 'R')], year: 2020, ruleSet: 'LEGACY' });
    expect(ownOf(r, 'A')).toBe('FULL');
    // Without B, A's providers have no other User: small, although R's Users are large.
    const alone = countAssessments({ parties, engagements: [engage('A', 'P'), engage('A', 'Q'), engage('C', 'R'), engage('D', 'R')], year: 2020, ruleSet: 'LEGACY' });
    expect(ownOf(alone, 'A')).toBe('VERIFICATION');
  });
});
