/**
 * What a rule is: one invariant the rendered files must hold, with what it
 * prevents, where the upstream behaviour it models is read, and its checks of
 * the cluster file's facts and of what was built from them.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import type { Problem } from "../model/problem.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import type { RepositoryContext } from "../model/repository.ts";

/** One rule of the registry. */
export interface Rule {
  /** Stable id: names the rule in the rule table and in the broken corpus (`kube-proxy`). */
  id: string;
  /** Its number in the README's rule table. */
  number: number;
  /** What must hold, in one line. */
  statement: string;
  /** The failure it prevents. */
  prevents: string;
  /** `error` refuses the render; `warning` is printed (`--strict` refuses it); some rules have both. */
  severity: "error" | "warning" | "error, warning";
  /** Where the upstream behaviour it models is read: repository, tag, file. */
  upstream?: string;
  /** Its check of the parsed cluster file (facts that must agree). */
  input?: (cluster: ClusterConfig) => Problem[];
  /** Its check of what was built, after the cluster file's last-mile patches. */
  built?: (build: Build) => Problem[];
  /**
   * Its check of what was built against the vendored upstream artifacts of the
   * versions the cluster pins (runs when the render is given them).
   */
  pinned?: (build: Build, upstream: Upstream) => Problem[];
  /** Its check of the cluster file's facts against the repository the render writes into. */
  repository?: (cluster: ClusterConfig, context: RepositoryContext) => Problem[];
}
