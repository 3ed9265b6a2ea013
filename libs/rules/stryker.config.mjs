// Mutation testing of the SECMP0044 rules (target: 90% or more). See tools/stryker/config.mjs.
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('libs/rules', ['libs/rules/src/**/*.ts']);
