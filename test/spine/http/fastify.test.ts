/**
 * spine-runtime/fastify over HTTP: the routes of scenarios.ts, each mounted
 * in one line with `idempotent(...)` as its route hooks, on one Fastify 5
 * server on 127.0.0.1, behind an onRequest hook that sets a CORS header,
 * with Fastify's default error handler.
 */
import Fastify, { type FastifyRequest } from "fastify";
import { idempotent } from "../../../spine/http/fastify.js";
import { describeAdapter, type RunningServer, type TestRoute } from "./scenarios.js";

function tenantOf(request: FastifyRequest): string | null {
  const tenant = request.headers["x-tenant-id"];
  return typeof tenant === "string" ? tenant : null;
}

async function serve(routes: readonly TestRoute[]): Promise<RunningServer> {
  const app = Fastify();
  app.addHook("onRequest", async (_request, reply) => {
    reply.header("access-control-allow-origin", "*");
  });
  for (const route of routes) {
    app.post(route.path, idempotent(route.idempotency, { scope: (request) => ({ tenantId: tenantOf(request), agentId: null }) }), async (request, reply) => {
      const answer = await route.handle({ body: request.body, tenantId: tenantOf(request) });
      reply.code(answer.status).headers(answer.headers ?? {});
      return answer.bytes ?? answer.json;
    });
  }
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  return { baseUrl, close: () => app.close() };
}

describeAdapter("Fastify", serve);
