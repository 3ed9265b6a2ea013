// Nx loads a local generator as CommonJS and, without swc-node or ts-node installed, cannot read
// TypeScript: tsx (already the workspace's runner) registers its loader first.
const { register } = require('tsx/cjs/api');

register();
module.exports = (file) => require(file);
