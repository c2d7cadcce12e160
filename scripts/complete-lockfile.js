#!/usr/bin/env node
// The npm registry this project's machines reach serves only the platform packages it needs
// (linux-x64), so `npm install` leaves the other platforms' optional binaries (swc, oxlint, the
// jest resolver) out of package-lock.json, and `npm ci` then refuses the lock as out of sync.
// This adds each missing optional dependency as an optional lock entry: npm ci skips or
// tolerates it on platforms where it cannot be installed, and installs it where it can.
// Run after `npm install` changes the lock: `node scripts/complete-lockfile.js`.
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const lockPath = path.join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!location.startsWith('node_modules/')) continue;
  const manifestPath = path.join(root, location, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const optional = JSON.parse(readFileSync(manifestPath, 'utf8')).optionalDependencies ?? {};
  for (const [name, spec] of Object.entries(optional)) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${location}/${key}`]) continue;
    lock.packages[key] = { version: spec.replace(/^[\^~=]/, ''), ...(entry.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
