// Mutation testing of the SECMP0044 rules (target: 90% or more). See tools/stryker/config.mjs.
//   npx nx run rules:mutation     every part in turn, then the table (tools/stryker/rules-by-folder.sh)
//   STRYKER_PART=ssc npx stryker run libs/rules/stryker.config.mjs     one folder of libs/rules/src
//                                 (`root` is the files directly in src/)
//   STRYKER_PART=determination/cycle ...   one file of src/ (without .ts), for a folder too slow to
//                                 run whole; its reports go to test-output/stryker/rules/determination-cycle/
// Each part keeps its own incremental file and report in test-output/stryker/rules/<part>/;
// tools/stryker/score.mjs type-checks the mutants, merges the parts and prints the scores.
import fs from 'node:fs';
import { strykerConfig } from '../../tools/stryker/config.mjs';

const part = process.env.STRYKER_PART;
const isFile = part !== undefined && fs.existsSync(`libs/rules/src/${part}.ts`);
const mutate = !part
  ? ['libs/rules/src/**/*.ts']
  : part === 'root'
    ? ['libs/rules/src/*.ts']
    : isFile
      ? [`libs/rules/src/${part}.ts`]
      : [`libs/rules/src/${part}/**/*.ts`];

export default strykerConfig('libs/rules', mutate, {
  // score.mjs reads the report folders one level down: a file's part is named with '-' for '/'.
  ...(part ? { part: part.replaceAll('/', '-') } : {}),
  // The TypeScript checker cost about 1.9 s of CPU per mutant here (65 s more for the 35 mutants of
  // scheduling/due-date.ts), more than the tests. Mutants run untyped instead, and score.mjs drops
  // the ones TypeScript rejects from the score afterwards, the same way the checker would.
  checkers: [],
  // A static mutant (in a value computed once at load, e.g. the bank holiday table) costs a run of
  // every test; they are left out and counted in the report of score.mjs.
  ignoreStatic: true,
});
