// Mutation testing of this service's domain folder (plain functions). See tools/stryker/config.mjs.
//   npx stryker run apps/assessment-scheduling/stryker.config.mjs --concurrency 1
//   node tools/stryker/score.mjs apps/assessment-scheduling     the score, with the mutants TypeScript rejects left out
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('apps/assessment-scheduling', ['apps/assessment-scheduling/src/domain/**/*.ts'], {
  // As in libs/rules: the TypeScript checker costs more CPU per mutant than the tests; score.mjs
  // type-checks the mutants afterwards and drops the ones TypeScript rejects.
  checkers: [],
  // A value built once at load costs a run of every test per mutant; counted apart by score.mjs.
  ignoreStatic: true,
});
