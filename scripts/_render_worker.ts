/**
 * The worker of a parallel render: runs one share (`_render_job.ts`) step by
 * step as the coordinator asks, answering each message once.
 */
import "./_quiet.ts";
import { handle, type Request, type Share } from "./_render_job.ts";

const share: Share = { base: "." };

/** The worker's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<Request>) => void;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event) => scope.postMessage(await handle(share, event.data));
