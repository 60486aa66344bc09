// Jest global teardown: stops what global-setup.js started (the broker, an embedded PostgreSQL).
// Servers named by KAFKA_BROKERS or DATABASE_URL before the run are left alone.
const { HARNESS, stopAll } = require('./global-setup');

module.exports = async function globalTeardown() {
  const harness = globalThis[HARNESS];
  if (!harness) return;
  globalThis[HARNESS] = undefined;
  await stopAll(harness);
};
