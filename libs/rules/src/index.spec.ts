/* eslint-disable @nx/enforce-module-boundaries -- this test loads the library through its own path aliases on purpose */
import { determineAssessment, LARGE_PREMISES_THRESHOLD } from '@sec-assure/rules';
import { generateDeterminationInputs, generatePopulation } from '@sec-assure/rules/testing';
/* eslint-enable @nx/enforce-module-boundaries */

it('R-PREM-3 threshold', () => expect(LARGE_PREMISES_THRESHOLD).toBe(250_000));

it('the public entry and the testing entry load through their path aliases', () => {
  expect(generateDeterminationInputs(50, 9)).toEqual(generateDeterminationInputs(50, 9));
  // Every generated input is one the rules answer: any error at all (a TypeError included) fails here.
  // Fewer under mutation testing (StrykerJS sets STRYKER_MUTATOR_WORKER), where every mutant of the determination runs this.
  for (const input of generateDeterminationInputs(process.env.STRYKER_MUTATOR_WORKER === undefined ? 2_000 : 200, 9)) {
    const r = determineAssessment(input);
    expect(['FULL', 'VERIFICATION', 'SELF']).toContain(r.type);
  }
  const population = generatePopulation({ parties: 100, engagements: 500 });
  expect(population.parties).toHaveLength(100);
  expect(population.engagements).toHaveLength(500);
});

it('R-SET-2: the explanation leaves out other Users when there are none', () => {
  const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' });
  expect(r.explanation).toContain('1,000 domestic premises of its own');
});
