// Prints the plain closing line of a jest --json report: "N passed, N failed, N skipped".
const fs = require('fs');
const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no jest report at ${file}: jest did not run to the end`);
  process.exit(0);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const failedSuites = r.numFailedTestSuites - 0;
console.log(`\nsuites: ${r.numPassedTestSuites} passed, ${failedSuites} failed`);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)} failed, ${r.numPendingTests} skipped`);
