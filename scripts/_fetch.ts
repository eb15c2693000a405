/**
 * The downloads of `deno task vendor`, the only network access of Hydrate. A
 * URL must pass the policy (lib/model/upstream/fetch_policy.ts); its host name
 * is then resolved (A and AAAA, `Deno.resolveDns`) and refused when any
 * address it resolves to is refused; the request runs in a Worker allowed that
 * host and port alone, through a relay that connects it to the checked
 * addresses and nothing else (scripts/_fetch_pin.ts), TLS verified for the host
 * name. Redirects are handed back and followed hop by hop, each checked anew.
 *
 * What this does not cover: a name is resolved by Deno's resolver
 * (`/etc/resolv.conf`), not the system's (`/etc/hosts`, NSS), so a name only
 * those know does not resolve here; and the environment's HTTP(S) proxies are
 * not used (the relay comes first), while a `NO_PROXY` naming the host would
 * make Deno connect directly: that request's answer is then refused (no
 * connection went through the relay), but the request was made.
 */
import type { FetchReply, FetchRequest } from "./_fetch_worker.ts";
import { parseIPv4Bytes, refusedAddress, refusedUrl } from "../lib/model/upstream/fetch_policy.ts";
import { pinTo } from "./_fetch_pin.ts";

/** A host name's addresses (IPv4 and IPv6, as text); `resolveDns` unless a test gives another. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** How to download. */
export interface FetchOptions {
  /** Also plain HTTP to, and addresses of, this machine (`--insecure-loopback`, the tests). */
  loopback?: boolean;
  /** The resolver (tests give names the DNS does not know). */
  resolve?: Resolver;
  /** Trust roots besides the system's (tests' servers). */
  caCerts?: string[];
  /** How long one request may take. */
  timeoutMs?: number;
}

/** A download that was refused or failed: one line for the user. */
export class FetchError extends Error {}

const TIMEOUT_MS = 60_000;
const DNS_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;

/** A name's A and AAAA records (`Deno.resolveDns`); a type it has none of adds nothing. */
export async function resolveDns(hostname: string): Promise<string[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DNS_TIMEOUT_MS);
  try {
    const answers = await Promise.all((["A", "AAAA"] as const).map(async (type) => {
      try {
        return await Deno.resolveDns(hostname, type, { signal: abort.signal });
      } catch (cause) {
        if (cause instanceof Deno.errors.NotFound) return [];
        throw cause;
      }
    }));
    return answers.flat();
  } finally {
    clearTimeout(timer);
  }
}

/** The addresses a URL's host may be connected to: all of them pass the policy, IPv4 first. */
async function checkedAddresses(url: URL, options: FetchOptions): Promise<string[]> {
  const host = url.hostname;
  if (parseIPv4Bytes(host) || host.startsWith("[")) return [host]; // refusedUrl checked it
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveDns)(host);
  } catch (cause) {
    throw new FetchError(`${host} does not resolve (${(cause as Error).message.split("\n")[0]})`);
  }
  if (addresses.length === 0) throw new FetchError(`${host} does not resolve`);
  for (const address of addresses) {
    const refused = refusedAddress(address, options);
    if (refused) throw new FetchError(`refused, ${host} resolves to ${address}: ${refused}`);
  }
  const v4 = addresses.filter((address) => parseIPv4Bytes(address));
  return [...v4, ...addresses.filter((address) => !parseIPv4Bytes(address))];
}

function newWorker(net: string[]): Worker {
  return new Worker(new URL("./_fetch_worker.ts", import.meta.url).href, {
    type: "module",
    deno: {
      permissions: {
        net,
        read: false,
        write: false,
        run: false,
        env: false,
        sys: false,
        ffi: false,
        import: false,
      },
    },
  });
}

/** The Worker's one answer, or why there is none. */
function answer(worker: Worker, message: FetchRequest, timeoutMs: number): Promise<FetchReply> {
  return new Promise<FetchReply>((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, error: `no answer in ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    worker.onmessage = (event: MessageEvent<FetchReply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve({ ok: false, error: String(event.message ?? "the download stopped") });
    };
    worker.postMessage(message);
  }).finally(() => worker.terminate());
}

/** One request, connected to the checked addresses, in a Worker that may reach its host alone. */
async function request(url: URL, addresses: string[], options: FetchOptions): Promise<FetchReply> {
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const pin = pinTo(url.hostname, port, addresses);
  try {
    let worker: Worker;
    try {
      worker = newWorker([`${url.hostname}:${port}`, pin.listen]);
    } catch (cause) {
      return { ok: false, error: (cause as Error).message };
    }
    const message = { url: url.href, proxy: pin.url, caCerts: options.caCerts };
    const reply = await answer(worker, message, options.timeoutMs ?? TIMEOUT_MS);
    if (reply.ok && pin.connected.length === 0) {
      return {
        ok: false,
        error:
          "refused, the answer did not come through the checked address (does NO_PROXY name this host?)",
      };
    }
    return reply;
  } finally {
    pin.close();
  }
}

/**
 * The body at a URL, following redirects hop by hop; each hop must pass the
 * policy, by its URL and by every address its host resolves to, and is
 * connected to those addresses alone. Throws {@link FetchError}, its message
 * naming the URL.
 */
export async function download(url: string, options: FetchOptions = {}): Promise<Uint8Array> {
  let at = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refused = refusedUrl(at, options);
    if (refused) throw new FetchError(`${at}: refused, ${refused}`);
    const parsed = new URL(at);
    let addresses: string[];
    try {
      addresses = await checkedAddresses(parsed, options);
    } catch (cause) {
      if (cause instanceof FetchError) throw new FetchError(`${at}: ${cause.message}`);
      throw cause;
    }
    const reply = await request(parsed, addresses, options);
    if (!reply.ok) throw new FetchError(`${at}: ${reply.error}`);
    if ("bytes" in reply) return reply.bytes;
    at = reply.redirect;
  }
  throw new FetchError(`${url}: more than ${MAX_REDIRECTS} redirects`);
}
