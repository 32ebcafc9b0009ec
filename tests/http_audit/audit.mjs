// Runs graphql-http's GraphQL-over-HTTP server audit against a live hub and prints one JSON
// object: counts per status and the audits that did not pass.
// Usage: node audit.mjs URL [API_KEY]   (the key is sent as `Authorization: Bearer KEY`)
import { auditServer } from 'graphql-http';

const [url, key] = process.argv.slice(2);
if (!url) {
  console.error('usage: node audit.mjs URL [API_KEY]');
  process.exit(2);
}

function authorised(input, init = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return fetch(input, { ...init, headers });
}

const results = await auditServer({ url, fetchFn: authorised });
const counts = { ok: 0, warn: 0, error: 0 };
const failed = [];
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    failed.push({ id: result.id, name: result.name, status: result.status, reason: result.reason });
  }
}
console.log(JSON.stringify({ ...counts, failed }, null, 2));
