// The load generator of bench/compare.py: keep-alive HTTP/1.1 from one Node process.
//   node bench/loadgen.js plan.json  ->  prints JSON results on stdout
// The plan lists cases (query x server); each round drives every case in turn, the servers'
// order rotating per round, with `connections` concurrent requests for `seconds` seconds, so
// that all servers meet the same machine load. `__CODE__` in a path or body becomes a random
// institution code.
const http = require("http");
const fs = require("fs");

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

function randomCode() {
  const n = 1 + Math.floor(Math.random() * plan.institutions);
  return "B" + String(n).padStart(6, "0");
}

function send(agent, target) {
  const code = randomCode();
  const body = target.body === null ? null : Buffer.from(target.body.replace("__CODE__", code));
  const headers = { ...target.headers };
  if (body !== null) {
    headers["content-type"] = "application/json";
    headers["content-length"] = body.length;
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        agent,
        host: "127.0.0.1",
        port: target.port,
        path: target.path.replace("__CODE__", code),
        method: body === null ? "GET" : "POST",
        headers,
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
          const text = Buffer.concat(chunks).toString();
          const ok = response.statusCode === 200 && !text.includes('"errors"');
          resolve({ elapsed, ok });
        });
      },
    );
    request.on("error", () => resolve({ elapsed: 0, ok: false }));
    if (body !== null) request.write(body);
    request.end();
  });
}

async function drive(target, seconds, record) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  async function loop() {
    while (Date.now() < deadline) {
      const { elapsed, ok } = await send(agent, target);
      if (record) {
        if (ok) record.latencies.push(elapsed);
        else record.failures += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: plan.connections }, loop));
  if (record) record.seconds += Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
}

function percentile(sorted, share) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] : 0;
}

async function main() {
  const records = {};
  for (const target of plan.cases) {
    records[`${target.query} ${target.server}`] = { latencies: [], failures: 0, seconds: 0 };
    await drive(target, plan.warmup, null);
  }
  const servers = [...new Set(plan.cases.map((c) => c.server))];
  const queries = [...new Set(plan.cases.map((c) => c.query))];
  for (let round = 0; round < plan.rounds; round++) {
    for (const query of queries) {
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(i + round) % servers.length];
        const target = plan.cases.find((c) => c.query === query && c.server === server);
        if (target) await drive(target, plan.seconds, records[`${query} ${server}`]);
      }
    }
  }
  const results = Object.entries(records).map(([key, r]) => {
    const [query, server] = key.split(" ");
    const sorted = r.latencies.sort((a, b) => a - b);
    return {
      query,
      server,
      requests: sorted.length,
      failures: r.failures,
      rps: sorted.length / r.seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
    };
  });
  process.stdout.write(JSON.stringify(results));
}

main();
