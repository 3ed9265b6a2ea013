// Mutation testing of this service's domain folder (plain functions). See tools/stryker/config.mjs.
//   npx stryker run apps/party-registry/stryker.config.mjs --concurrency 1
//   node tools/stryker/score.mjs apps/party-registry     the score, with the mutants TypeScript rejects left out
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('apps/party-registry', ['apps/party-registry/src/domain/**/*.ts'], {
  // As in libs/rules: the TypeScript checker costs more CPU per mutant than the tests; score.mjs
  // type-checks the mutants afterwards and drops the ones TypeScript rejects.
  checkers: [],
  // A value built once at load costs a run of every test per mutant; counted apart by score.mjs.
  ignoreStatic: true,
});
