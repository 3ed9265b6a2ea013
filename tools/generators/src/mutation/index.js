module.exports = require('../load-ts')(require.resolve('./generator.ts'));
