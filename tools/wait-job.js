#!/usr/bin/env node
// Waits for a job the README's flow starts, so its commands work pasted line by line:
//   curl -s -X POST <create job> ... | node tools/wait-job.js <GET url of a job, without its id> "$T"
// It reads the created job (JSON) on stdin, polls `<url>/<id>` with the bearer token until the job ends,
// prints the last state and exits 0 when it succeeded (fully or partly), 1 otherwise. The service's own
// answer is printed when the request was refused (a 400, a 404) or the job ends otherwise.
'use strict';

const DONE_OK = new Set(['SUCCEEDED', 'PARTIALLY_SUCCEEDED']);
const DONE = new Set([...DONE_OK, 'FAILED', 'SKIPPED', 'CANCELLED']);
const POLL_MS = 1_000;
const TIMEOUT_MS = Number(process.env.WAIT_JOB_TIMEOUT_S ?? 600) * 1_000;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Listings answers `{ job: {...} }`, the scheduler the run itself. */
const jobOf = (body) => (body && typeof body === 'object' && body.job ? body.job : body);

async function main() {
  const [url, token] = process.argv.slice(2);
  if (!url || !token) {
    process.stderr.write('usage: curl -s -X POST <create job> ... | node tools/wait-job.js <job url without id> <token>\n');
    return 2;
  }
  const created = await readStdin();
  let job;
  try {
    job = jobOf(JSON.parse(created));
  } catch {
    job = undefined;
  }
  if (!job || typeof job.id !== 'string') {
    process.stderr.write(`no job was created: ${created.trim() || '(empty answer: is npm start running?)'}\n`);
    return 1;
  }
  const deadline = Date.now() + TIMEOUT_MS;
  let last = job.status;
  process.stderr.write(`job ${job.id} (${job.operation ?? 'job'}): ${last}`);
  while (!DONE.has(job.status)) {
    if (Date.now() > deadline) {
      process.stderr.write(`\nstill ${job.status} after ${TIMEOUT_MS / 1000} s (WAIT_JOB_TIMEOUT_S)\n`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const res = await fetch(`${url.replace(/\/+$/, '')}/${job.id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      process.stderr.write(`\nGET ${url}/${job.id}: HTTP ${res.status} ${JSON.stringify(body)}\n`);
      return 1;
    }
    job = jobOf(body);
    if (job.status !== last) process.stderr.write(` → ${(last = job.status)}`);
  }
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(job)}\n`);
  return DONE_OK.has(job.status) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`wait-job: ${error && error.message ? error.message : error}\n`);
    process.exit(1);
  },
);
