// Mutation testing of this service's domain folder (plain functions). See tools/stryker/config.mjs.
// test-facts.ts is left out: it builds the domain tests' inputs (the service never imports it), so a
// mutant of it changes what a test feeds in, not what the service does.
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('apps/ssc-membership', ['apps/ssc-membership/src/domain/**/*.ts', '!apps/ssc-membership/src/domain/test-facts.ts']);
