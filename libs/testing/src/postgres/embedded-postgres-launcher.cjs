// Runs one embedded PostgreSQL server in a Node process of its own, for the test harness
// (postgres-server.ts forks it). Why a process of its own: it shuts the server down when the process
// that asked for it dies (the IPC channel closes), so no orphaned server outlives a run.
//
// Protocol over IPC: the parent sends { options, workDir } once (tools/postgres-server.js options and
// the folder to remove after the server stops); this process answers { type: 'started' } or
// { type: 'failed', message }, and stops the server on { type: 'stop' } or when the channel closes.
'use strict';

const { rm } = require('node:fs/promises');
const path = require('node:path');
// The repository's tools/ folder: the same server driver as `npm start` (four levels up from here).
const { startPostgresServer } = require(path.join(__dirname, '..', '..', '..', '..', 'tools', 'postgres-server.js'));

let server;
let workDir;
let stopping;

function stop(code) {
  stopping ??= (server ? server.stop() : Promise.resolve())
    .catch(() => undefined)
    .then(() => (workDir ? rm(workDir, { recursive: true, force: true, maxRetries: 3 }) : undefined))
    .catch(() => undefined)
    .finally(() => process.exit(code));
  return stopping;
}

process.on('disconnect', () => void stop(0));

process.once('message', async (request) => {
  workDir = request.workDir;
  try {
    server = await startPostgresServer(request.options);
    process.on('message', (message) => {
      if (message && message.type === 'stop') void stop(0);
    });
    process.send({ type: 'started' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.send({ type: 'failed', message }, () => void stop(1));
  }
});
