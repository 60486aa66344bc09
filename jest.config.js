// The whole test suite in one Jest run: every project's jest.config.js, one shared PostgreSQL
// and one Kafka broker started by the harness's global setup.
const fs = require('node:fs');
const path = require('node:path');

function findProjectConfigs(dir, found = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findProjectConfigs(full, found);
    else if (entry.name === 'jest.config.js' && dir !== __dirname) found.push(full);
  }
  return found;
}

module.exports = {
  projects: ['apps', 'libs', 'test'].flatMap((d) => findProjectConfigs(path.join(__dirname, d))),
  // Jest's 5 s default fails a correct test whenever the 2-core CI machine is busy (a JVM, PostgreSQL and several
  // Node processes share it); a test that needs longer still says so itself. Hangs still end, a minute later.
  // Global, not per project: jest-circus reads only the global config's testTimeout.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/libs/testing/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/global-teardown.js',
};
