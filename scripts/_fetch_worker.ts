/**
 * One request of `deno task vendor`, in a Worker whose only permissions are the
 * network access to the URL's host and to the relay that pins its connection
 * to the checked addresses (scripts/_fetch_pin.ts): the process holds the
 * network permission to grant them, and this is the only code that uses it.
 * Every connection goes through the relay (a proxy given to the client comes
 * before the environment's proxies); TLS, with the certificate checked for the
 * URL's host name, is made here, over it. A redirect is handed back, for a
 * Worker of the next host to follow.
 */
/// <reference lib="deno.worker" />

/** The answer: the body's bytes, where it redirects to, or why there is neither. */
export type FetchReply =
  | { ok: true; bytes: Uint8Array }
  | { ok: true; redirect: string }
  | { ok: false; error: string };

/** No upstream file the checks read comes near this: a larger body is refused, not buffered. */
export const MAX_BYTES = 64 * 2 ** 20;

async function body(response: Response): Promise<Uint8Array | string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > MAX_BYTES) {
      await response.body?.cancel().catch(() => {});
      return `larger than ${MAX_BYTES / 2 ** 20} MiB`;
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) out.set(chunk, at), at += chunk.length;
  return out;
}

/** What the Worker is asked: the URL, the relay to connect through, and extra trust roots (tests). */
export interface FetchRequest {
  url: string;
  proxy: string;
  caCerts?: string[];
}

/** An error's first line, with its cause's (fetch says only "fetch failed"). */
function describe(cause: unknown): string {
  const error = cause as Error;
  const first = error.message.split("\n")[0];
  const inner = error.cause instanceof Error ? error.cause.message.split("\n")[0] : undefined;
  return inner && inner !== first ? `${first}: ${inner}` : first;
}

self.onmessage = async (event: MessageEvent<FetchRequest>) => {
  const { url, proxy, caCerts } = event.data;
  let reply: FetchReply;
  if (!/^https?:\/\//.test(url)) {
    self.postMessage({ ok: false, error: "not an http(s) URL" } satisfies FetchReply);
    return;
  }
  let client: Deno.HttpClient | undefined;
  try {
    client = Deno.createHttpClient({ proxy: { transport: "socks5", url: proxy }, caCerts });
    const response = await fetch(url, { redirect: "manual", client });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      reply = { ok: true, redirect: new URL(location, url).href };
    } else if (!response.ok) {
      await response.body?.cancel();
      reply = { ok: false, error: `HTTP ${response.status} ${response.statusText}` };
    } else {
      const bytes = await body(response);
      reply = typeof bytes === "string" ? { ok: false, error: bytes } : { ok: true, bytes };
    }
  } catch (cause) {
    reply = { ok: false, error: describe(cause) };
  }
  client?.close();
  self.postMessage(reply);
};
