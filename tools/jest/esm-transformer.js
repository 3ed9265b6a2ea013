// Jest transformer: ES module JavaScript from node_modules -> CommonJS (see preset.js for why).
const { transformSync } = require('esbuild');

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      sourcefile: sourcePath,
    });
    return { code, map };
  },
};
