// Mutation testing of this service's domain folder (plain functions). See tools/stryker/config.mjs.
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('apps/assessment-scheduling', ['apps/assessment-scheduling/src/domain/**/*.ts']);
