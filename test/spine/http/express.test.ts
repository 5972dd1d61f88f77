/**
 * spine-runtime/express over HTTP: the routes of scenarios.ts, each mounted
 * in one line with `idempotent(...)` behind `express.json()`, on one Express
 * 5 server on 127.0.0.1, behind a middleware that sets a CORS header, with
 * Express's default error handler.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { idempotent } from "../../../spine/http/express.js";
import { describeAdapter, type RunningServer, type TestRoute } from "./scenarios.js";

async function serve(routes: readonly TestRoute[]): Promise<RunningServer> {
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader("access-control-allow-origin", "*");
    next();
  });
  for (const route of routes) {
    app.post(route.path, express.json(), idempotent(route.idempotency, { scope: (req) => ({ tenantId: req.get("x-tenant-id") ?? null, agentId: null }) }), async (req, res) => {
      const answer = await route.handle({ body: req.body as unknown, tenantId: req.get("x-tenant-id") ?? null });
      res.status(answer.status).set(answer.headers ?? {});
      if (answer.bytes === undefined) res.json(answer.json);
      else res.send(answer.bytes);
    });
  }
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    },
  };
}

describeAdapter("Express", serve);
