// PostGraphile v4 over the benchmark database: the peer the hub is compared with.
//   node bench/postgraphile/server.js <postgres connection string> <port>
// One Node process, default pool, no query log, connection-filter plugin for `status IN (...)`.
const http = require("http");
const { postgraphile } = require("postgraphile");
const ConnectionFilterPlugin = require("postgraphile-plugin-connection-filter");

const [connection, port] = process.argv.slice(2);
const middleware = postgraphile(connection, "public", {
  appendPlugins: [ConnectionFilterPlugin],
  disableQueryLog: true,
  disableDefaultMutations: true,
  graphiql: false,
  retryOnInitFail: false,
  watchPg: false,
});
http.createServer(middleware).listen(Number(port), "127.0.0.1");
