/**
 * One request of `deno task vendor`, in a Worker whose only permission is the
 * network access to the URL's host: the process holds the network permission
 * to grant it, and this is the only code that uses it. A redirect is handed
 * back, for a Worker of the next host to follow.
 */
/// <reference lib="deno.worker" />

/** The answer: the body's bytes, where it redirects to, or why there is neither. */
export type FetchReply =
  | { ok: true; bytes: Uint8Array }
  | { ok: true; redirect: string }
  | { ok: false; error: string };

self.onmessage = async (event: MessageEvent<{ url: string }>) => {
  const { url } = event.data;
  let reply: FetchReply;
  try {
    const response = await fetch(url, { redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      reply = { ok: true, redirect: new URL(location, url).href };
    } else if (!response.ok) {
      await response.body?.cancel();
      reply = { ok: false, error: `HTTP ${response.status} ${response.statusText}` };
    } else reply = { ok: true, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (cause) {
    reply = { ok: false, error: (cause as Error).message.split("\n")[0] };
  }
  self.postMessage(reply);
};
