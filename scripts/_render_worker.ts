/**
 * The worker of a parallel render: runs one share (`_render_job.ts`) step by
 * step as the coordinator asks, answering each message once.
 */
import "./_quiet.ts";
import {
  commitShare,
  prepareShare,
  renderShare,
  rollbackShare,
  type Share,
} from "./_render_job.ts";

const share: Share = { base: "." };

/** The worker's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<Request>) => void;
  postMessage(message: unknown): void;
};

type Request =
  | { type: "render"; base: string; jobs: Parameters<typeof renderShare>[1] }
  | { type: "prepare" | "commit" | "rollback" };

scope.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  try {
    if (request.type === "render") {
      share.base = request.base;
      scope.postMessage({ ok: true, ...(await renderShare(share, request.jobs)) });
      return;
    }
    if (request.type === "prepare") prepareShare(share);
    else if (request.type === "commit") commitShare(share);
    else rollbackShare(share);
    scope.postMessage({ ok: true });
  } catch (cause) {
    scope.postMessage({
      ok: false,
      message: cause instanceof Error ? cause.message : String(cause),
    });
  }
};
