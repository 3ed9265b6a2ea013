// Jest setup file of the mutation runs only (tools/stryker/config.mjs). A property that fails has
// killed its mutant: stop at the first counterexample instead of shrinking it, which for a badly
// broken rule can take longer than the mutant's timeout. Passing runs are unchanged.
const fc = require('fast-check');

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
