// Jest global teardown: stops what global-setup.js started (the broker, an embedded PostgreSQL).
// Servers named by KAFKA_BROKERS or DATABASE_URL before the run are left alone.
const { HARNESS, stopAll } = require('./global-setup');

/** Kills, and names, every process a test started that is still alive now (a test that did not stop it). */
function reportLeftovers() {
  const { RUN_PROCESSES_ENV, killLeftoverProcesses } = require('./src/processes/child-processes.ts');
  const dir = process.env[RUN_PROCESSES_ENV];
  if (!dir) return;
  for (const leftover of killLeftoverProcesses(dir)) {
    process.stderr.write(
      `[harness] left running by ${leftover.startedBy || 'a test'}: ${leftover.what} (pid ${leftover.pid}); killed with its process group\n`,
    );
  }
}

module.exports = async function globalTeardown() {
  const harness = globalThis[HARNESS];
  if (!harness) return;
  globalThis[HARNESS] = undefined;
  reportLeftovers();
  await stopAll(harness);
};
