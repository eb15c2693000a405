/**
 * The downloads of `deno task vendor` (scripts/_fetch.ts): a host name is
 * resolved first and refused when any address it resolves to is this
 * machine's or a private network's, before any request; the connection then
 * goes to the checked address and no other (the names here resolve nowhere
 * but in the test's resolver, which answers once), over TLS verified for the
 * host name; a redirect to a name that resolves to a private address is
 * refused; a connection that bypassed the relay is refused.
 */
import assert from "node:assert/strict";
import { download, FetchError } from "../scripts/_fetch.ts";
import { pinTo } from "../scripts/_fetch_pin.ts";
import { CA_CERT, SERVER_CERT, SERVER_KEY } from "./_pinned_tls.ts";

/** An HTTPS server on 127.0.0.1 with the test certificate; `/away` redirects to `to`. */
function serveTls(to = "https://internal.example/x") {
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: SERVER_CERT, key: SERVER_KEY, onListen() {} },
    (req) => {
      const path = new URL(req.url).pathname;
      requests.push(path);
      return path === "/away" ? Response.redirect(to, 302) : new Response(`body of ${path}`);
    },
  );
  return { server, requests, port: server.addr.port };
}

/** A download in a process with vendor's network permission (tests/_fetch_child.ts). */
async function childDownload(
  request: { url: string; answers?: Record<string, string[]>; loopback?: boolean; ca?: boolean },
  env: Record<string, string> = {},
): Promise<{ body?: string; error?: string; asked: string[] }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--frozen",
      "--cached-only",
      "--no-prompt",
      "--unstable-worker-options",
      "--allow-read",
      "--allow-net",
      new URL("./_fetch_child.ts", import.meta.url).pathname,
      JSON.stringify(request),
    ],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, stderr);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("a name resolving to this machine or a private network is refused before any request", async () => {
  const tls = serveTls();
  try {
    for (
      const address of ["127.0.0.1", "10.1.2.3", "169.254.169.254", "fd00::1", "::ffff:127.0.0.1"]
    ) {
      const resolve = () => Promise.resolve(["93.184.216.34", address]);
      await assert.rejects(
        download(`https://charts.example.com:${tls.port}/index.yaml`, {
          resolve,
          caCerts: [CA_CERT],
        }),
        (error: Error) => {
          assert.ok(error instanceof FetchError);
          assert.match(
            error.message,
            new RegExp(
              `^https://charts\\.example\\.com:\\d+/index\\.yaml: refused, charts\\.example\\.com resolves to ${
                address.replace(/\./g, "\\.")
              }: an address of this machine or a private network \\(\\w`,
            ),
          );
          return true;
        },
      );
    }
    await assert.rejects(
      download("https://nowhere.example/x", { resolve: () => Promise.resolve([]) }),
      /^Error: https:\/\/nowhere\.example\/x: nowhere\.example does not resolve$/,
    );
    assert.deepEqual(tls.requests, []);
  } finally {
    await tls.server.shutdown();
  }
});

Deno.test("the connection goes to the checked address, TLS verified for the host name", async () => {
  const tls = serveTls();
  try {
    // pinned.test resolves nowhere but in the child's resolver, and to 10.0.0.1 on a second
    // look-up (rebinding): the body can only have come from the address checked once.
    const answers = { "pinned.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] };
    const base = { answers, loopback: true, ca: true };
    const pinned = await childDownload({
      ...base,
      url: `https://pinned.test:${tls.port}/index.yaml`,
    });
    assert.deepEqual(pinned, { body: "body of /index.yaml", asked: ["pinned.test"] });
    // Another name, same address: the certificate is not its, and TLS says so.
    const other = await childDownload({ ...base, url: `https://other.test:${tls.port}/x` });
    assert.match(other.error ?? "", /^https:\/\/other\.test:\d+\/x: .*certificate/i);
    // The right name, without the test's authority: not trusted.
    const untrusted = await childDownload({
      ...base,
      ca: false,
      url: `https://pinned.test:${tls.port}/x`,
    });
    assert.match(untrusted.error ?? "", /certificate|issuer/i);
    // The real resolver (Deno.resolveDns answers localhost without a network), pinned the same way.
    const real = await childDownload({
      url: `https://localhost:${tls.port}/real`,
      loopback: true,
      ca: true,
    });
    assert.deepEqual(real, { body: "body of /real", asked: [] });
    assert.deepEqual(tls.requests, ["/index.yaml", "/real"]);
  } finally {
    await tls.server.shutdown();
  }
});

Deno.test("a redirect to a name that resolves to a private address is refused", async () => {
  const tls = serveTls("https://internal.example/metadata");
  try {
    const answers = { "pinned.test": ["127.0.0.1"], "internal.example": ["10.0.0.7"] };
    const away = await childDownload({
      answers,
      loopback: true,
      ca: true,
      url: `https://pinned.test:${tls.port}/away`,
    });
    assert.deepEqual(away, {
      error:
        "https://internal.example/metadata: refused, internal.example resolves to 10.0.0.7: an address of this machine or a private network (private)",
      asked: ["pinned.test", "internal.example"],
    });
    assert.deepEqual(tls.requests, ["/away"]);
  } finally {
    await tls.server.shutdown();
  }
});

Deno.test("an answer that did not come through the relay is refused (NO_PROXY)", async () => {
  const tls = serveTls();
  try {
    const url = `https://localhost:${tls.port}/bypass`;
    const bypassed = await childDownload({ url, loopback: true, ca: true }, { NO_PROXY: "*" });
    assert.equal(
      bypassed.error,
      `${url}: refused, the answer did not come through the checked address (does NO_PROXY name this host?)`,
    );
  } finally {
    await tls.server.shutdown();
  }
});

/** A SOCKS5 CONNECT to the relay, by name; the relay's reply code. */
async function connectThrough(listen: string, host: string, port: number): Promise<number> {
  const [hostname, relayPort] = listen.split(":");
  const conn = await Deno.connect({ hostname, port: Number(relayPort) });
  try {
    await conn.write(new Uint8Array([5, 1, 0]));
    const greeting = new Uint8Array(2);
    await conn.read(greeting);
    assert.deepEqual([...greeting], [5, 0]);
    const name = new TextEncoder().encode(host);
    await conn.write(new Uint8Array([5, 1, 0, 3, name.length, ...name, port >> 8, port & 255]));
    const reply = new Uint8Array(10);
    await conn.read(reply);
    return reply[1];
  } finally {
    conn.close();
  }
}

Deno.test("the relay connects its one host and port, and refuses any other", async () => {
  const tls = serveTls();
  const pin = pinTo("pinned.test", tls.port, ["127.0.0.1"]);
  try {
    assert.equal(await connectThrough(pin.listen, "evil.test", tls.port), 2);
    assert.equal(await connectThrough(pin.listen, "pinned.test", tls.port + 1), 2);
    assert.deepEqual(pin.connected, []);
    assert.equal(await connectThrough(pin.listen, "PINNED.test", tls.port), 0);
    assert.deepEqual(pin.connected, ["127.0.0.1"]);
  } finally {
    pin.close();
    await tls.server.shutdown();
  }
});
