// Mutation testing of this service's domain folder (plain functions). See tools/stryker/config.mjs.
import { strykerConfig } from '../../tools/stryker/config.mjs';

export default strykerConfig('apps/party-registry', ['apps/party-registry/src/domain/**/*.ts']);
