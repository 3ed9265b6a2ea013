module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'rules',
  rootDir: __dirname,
  // In the root run these settings live at the root (jest takes coverage settings only there).
  ...(process.env.SEC_ASSURE_JEST_ROOT ? {} : require('../../tools/jest/rules-coverage.js')('src')),
};
