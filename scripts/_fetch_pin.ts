/**
 * The connection of one request of `deno task vendor`, pinned to the addresses
 * that were checked: a SOCKS5 relay on loopback (RFC 1928, no authentication,
 * CONNECT only) that the request's Worker uses as its proxy. It accepts one
 * target, the request's host and port as the URL names them, and connects it to
 * the checked addresses alone, never looking the name up again: a DNS answer
 * that changes between the check and the connection (rebinding) changes
 * nothing. TLS stays end to end in the Worker: Deno's fetch, given a SOCKS5
 * proxy, sends the host name to the proxy and then verifies the server's
 * certificate for that host name, with it as SNI (denoland/deno v2.9.5
 * ext/fetch/proxy.rs, `Target::Socks` in `ProxyConnector::call`).
 */
/** A relay for one host and port, and what it did. */
export interface Pin {
  /** The proxy URL for `Deno.createHttpClient`. */
  url: string;
  /** Its `host:port`, the network permission the Worker needs to reach it. */
  listen: string;
  /** The addresses it connected to, in order (each one checked). */
  connected: string[];
  /** Stops listening and ends every connection. */
  close(): void;
}

const REPLY = { ok: 0, failure: 1, notAllowed: 2, refused: 5, command: 7, addressType: 8 };

async function readExactly(conn: Deno.Conn, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  for (let at = 0; at < size;) {
    const read = await conn.read(out.subarray(at));
    if (read === null) throw new Error("the client closed the connection");
    at += read;
  }
  return out;
}

/** The target of a CONNECT as a URL's hostname spells it: `example.com`, `1.2.3.4`, `[::1]`. */
async function target(conn: Deno.Conn, type: number): Promise<string | undefined> {
  if (type === 1) return [...await readExactly(conn, 4)].join(".");
  if (type === 3) {
    const [size] = await readExactly(conn, 1);
    return new TextDecoder().decode(await readExactly(conn, size)).toLowerCase();
  }
  if (type !== 4) return undefined;
  const bytes = await readExactly(conn, 16);
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]));
  return new URL(`http://[${groups.map((g) => g.toString(16)).join(":")}]`).hostname;
}

const reply = (code: number) => new Uint8Array([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);

/** The handshake and the request: the client's wanted `host:port`, or the refusal it was sent. */
async function handshake(conn: Deno.Conn): Promise<string | undefined> {
  const [version, count] = await readExactly(conn, 2);
  const methods = await readExactly(conn, count);
  if (version !== 5 || !methods.includes(0)) {
    await conn.write(new Uint8Array([5, 0xff]));
    return undefined;
  }
  await conn.write(new Uint8Array([5, 0]));
  const [, command, , type] = await readExactly(conn, 4);
  const host = await target(conn, type);
  if (host === undefined) return void await conn.write(reply(REPLY.addressType));
  const [high, low] = await readExactly(conn, 2);
  if (command !== 1) return void await conn.write(reply(REPLY.command));
  return `${host}:${(high << 8) | low}`;
}

/** The first checked address that accepts a connection, or `undefined`. */
async function connectChecked(
  addresses: readonly string[],
  port: number,
  open: Set<Deno.Conn>,
): Promise<[Deno.Conn, string] | undefined> {
  for (const address of addresses) {
    try {
      const upstream = await Deno.connect({ hostname: address.replace(/^\[(.*)\]$/, "$1"), port });
      open.add(upstream);
      return [upstream, address];
    } catch {
      // The next checked address, if any.
    }
  }
  return undefined;
}

async function serve(
  conn: Deno.Conn,
  wanted: string,
  addresses: readonly string[],
  pin: Pin,
  open: Set<Deno.Conn>,
): Promise<void> {
  const asked = await handshake(conn);
  if (asked === undefined) return;
  if (asked !== wanted) return void await conn.write(reply(REPLY.notAllowed));
  const port = Number(wanted.slice(wanted.lastIndexOf(":") + 1));
  const upstream = await connectChecked(addresses, port, open);
  if (!upstream) return void await conn.write(reply(REPLY.refused));
  const [link, address] = upstream;
  pin.connected.push(address);
  try {
    await conn.write(reply(REPLY.ok));
    await Promise.allSettled([
      conn.readable.pipeTo(link.writable),
      link.readable.pipeTo(conn.writable),
    ]);
  } finally {
    open.delete(link);
    closeQuietly(link);
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed by its peer.
  }
}

/**
 * A relay that connects `hostname:port` (as `new URL(...).hostname` spells it)
 * to the first of `addresses` that answers, and refuses any other target.
 */
export function pinTo(hostname: string, port: number, addresses: readonly string[]): Pin {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const listen = `127.0.0.1:${listener.addr.port}`;
  const open = new Set<Deno.Conn>();
  const wanted = `${hostname.toLowerCase()}:${port}`;
  const pin: Pin = {
    url: `socks5://${listen}`,
    listen,
    connected: [],
    close() {
      listener.close();
      for (const conn of open) closeQuietly(conn);
    },
  };
  (async () => {
    for await (const conn of listener) {
      open.add(conn);
      serve(conn, wanted, addresses, pin, open).catch(() => {}).finally(() => {
        open.delete(conn);
        closeQuietly(conn);
      });
    }
  })().catch(() => {});
  return pin;
}
