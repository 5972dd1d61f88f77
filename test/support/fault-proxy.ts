/**
 * A TCP proxy between the driver and PostgreSQL, on 127.0.0.1, that injects
 * network faults on demand: the fault suites put it in front of the test
 * server and break the way to it while calls are in flight.
 *
 * - `freeze()`: open connections stop delivering in both directions, silently
 *   and for good (a NAT or load balancer that lost their state, a frozen VM,
 *   a pulled cable); new connections pass.
 * - `blackhole()`: as `freeze()`, and new connections are accepted but never
 *   reach the server either (a server unreachable behind a firewall).
 * - `reset()`: every open connection is reset (RST).
 * - `refuse()`: the port stops listening: new connections are refused.
 * - `rejectStartup(message)`: new connections are answered as a pooler that
 *   refuses a startup parameter answers (ErrorResponse, SQLSTATE 08P01).
 * - `heal()`: new connections pass again; frozen ones stay dead.
 * - `retarget(url)`: every open connection is reset, and new ones go to the
 *   server of `url` (a virtual address moved to a promoted standby).
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** One proxied connection. */
interface Link {
  readonly client: Socket;
  upstream: Socket | undefined;
  dead: boolean;
}

/** What new connections meet. */
type Mode = "pass" | "blackhole" | "reject-startup";

/** The proxy; see the module comment. */
export class FaultProxy {
  private readonly links = new Set<Link>();
  private mode: Mode = "pass";
  private startupError = "";
  private server: Server;

  private constructor(
    private target: { readonly host: string; readonly port: number },
    readonly port: number,
    server: Server,
  ) {
    this.server = server;
  }

  /** Starts a proxy to the server of `url` on a free port of 127.0.0.1. */
  static async start(url: string): Promise<FaultProxy> {
    const target = endpoint(url);
    let proxy: FaultProxy | undefined;
    const server = createServer((socket) => proxy?.accept(socket));
    const port = await listen(server, 0);
    proxy = new FaultProxy(target, port, server);
    return proxy;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = "127.0.0.1";
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** How many connections are open through the proxy. */
  get open(): number {
    return [...this.links].filter((link) => !link.client.destroyed).length;
  }

  /** Open connections stop delivering, for good; new ones pass. */
  freeze(): void {
    for (const link of this.links) link.dead = true;
  }

  /** Open connections stop delivering, and new ones never reach the server. */
  blackhole(): void {
    this.freeze();
    this.mode = "blackhole";
  }

  /** Every open connection is reset. */
  reset(): void {
    for (const link of this.links) {
      link.client.resetAndDestroy();
      link.upstream?.destroy();
    }
    this.links.clear();
  }

  /** The port stops listening. */
  async refuse(): Promise<void> {
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  /** New connections are refused their startup as PgBouncer refuses a startup parameter it does not support. */
  rejectStartup(message: string): void {
    this.mode = "reject-startup";
    this.startupError = message;
  }

  /** New connections pass again (the port listens again after `refuse()`); frozen ones stay dead. */
  async heal(): Promise<void> {
    this.mode = "pass";
    if (!this.server.listening) {
      const server = createServer((socket) => this.accept(socket));
      await listen(server, this.port);
      this.server = server;
    }
  }

  /** Every open connection is reset, and new ones go to the server of `url`. */
  retarget(url: string): void {
    this.target = endpoint(url);
    this.reset();
  }

  /** Closes every connection and the port. */
  async close(): Promise<void> {
    this.reset();
    if (this.server.listening) await new Promise<void>((done) => this.server.close(() => done()));
  }

  private accept(client: Socket): void {
    client.on("error", () => undefined);
    if (this.mode === "reject-startup") {
      client.once("data", () => client.end(errorResponse("08P01", this.startupError)));
      return;
    }
    const link: Link = { client, upstream: undefined, dead: this.mode === "blackhole" };
    this.links.add(link);
    client.on("close", () => {
      this.links.delete(link);
      link.upstream?.destroy();
    });
    if (link.dead) return;
    const upstream = createConnection(this.target);
    link.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => {
      if (!link.dead) client.destroy();
    });
    client.on("data", (chunk) => {
      if (!link.dead) upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (!link.dead) client.write(chunk);
    });
  }
}

/** The host and port of a connection string. */
function endpoint(url: string): { readonly host: string; readonly port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      done(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

/** A PostgreSQL ErrorResponse message (FATAL) with this SQLSTATE and message. */
function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0, "ascii");
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}
