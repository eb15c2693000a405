/** The repository's vendored upstream artifacts, for tests that render as the tasks do. */
import { join } from "node:path";
import { upstreamFor } from "../lib/model/upstream/vendor.ts";
import { diskVendor } from "../scripts/_vendor.ts";
import { ROOT } from "./_e2e.ts";

/** The repository's vendor/ folder. */
export const VENDOR = diskVendor(join(ROOT, "vendor"));

/** The upstream facts of the repository's vendor/, parsed once per test process. */
export const UPSTREAM = upstreamFor(VENDOR);
