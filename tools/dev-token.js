#!/usr/bin/env node
// Prints a platform JWT for the services started by `npm start` (signed with the dev secret in
// .data/dev-jwt-secret), for curl: `curl -H "authorization: Bearer $(node tools/dev-token.js demo)" ...`
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { SignJWT } = require('jose');

const tenant = process.argv[2] ?? 'demo';
const file = path.join(__dirname, '..', '.data', 'dev-jwt-secret');
if (!fs.existsSync(file)) {
  process.stderr.write('No .data/dev-jwt-secret yet: run `npm start` once first.\n');
  process.exit(2);
}
new SignJWT({ tenant_id: tenant })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(`dev-user@${tenant}`)
  .setIssuedAt()
  .setExpirationTime('12h')
  .sign(crypto.createSecretKey(Buffer.from(fs.readFileSync(file, 'utf8').trim())))
  .then((token) => process.stdout.write(`${token}\n`));
