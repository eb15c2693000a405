/**
 * Rule 3: Cilium reaches the API server through KubePrism: the same port everywhere,
 * KubePrism enabled on a port of its own, on the node's loopback.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { asJson, ciliumPath, ciliumValuesOf, patchedValue } from "./_helpers.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { cilium, kubePrism } = cluster;
  const local = cilium.k8sServiceHost === "localhost" || cilium.k8sServiceHost === "127.0.0.1";
  if (!local) {
    problems.push(
      error(
        "cilium.k8sServiceHost",
        `${cilium.k8sServiceHost} must be localhost or 127.0.0.1: Cilium reaches the API server through KubePrism on port ${kubePrism.port}`,
      ),
    );
  }
  if (!kubePrism.enabled) {
    problems.push(
      error(
        "kubePrism.enabled",
        "false must be true: Cilium reaches the API server through KubePrism (k8sServicePort is the KubePrism port)",
      ),
    );
  }
  // Omni's load balancer to a cluster's API dials every control-plane node on 6443, a constant
  // (siderolabs/omni v1.10.4 internal/backend/runtime/omni/controllers/omni/cluster_loadbalancer.go,
  // getEndpoints), and nothing Hydrate renders moves the API server: any other port is a claim the
  // cluster does not keep.
  if (cluster.apiServerPort !== 6443) {
    problems.push(
      error(
        "apiServerPort",
        `${cluster.apiServerPort} must be 6443: Omni reaches every control-plane node's API server on 6443, and KubePrism's backends are those`,
      ),
    );
  }
  if (kubePrism.port === cluster.apiServerPort) {
    problems.push(
      error(
        "kubePrism.port",
        `${kubePrism.port} is the API server port; KubePrism needs a port of its own on every node`,
      ),
    );
  }
  return problems;
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const values = ciliumValuesOf(build);
  const { kubePrism } = build.cluster;
  const port = values.k8sServicePort;
  if (String(port) !== String(kubePrism.port)) {
    problems.push(
      error(
        ciliumPath(build, ["k8sServicePort"], "kubePrism.port"),
        `${
          JSON.stringify(port)
        } must equal the KubePrism port ${kubePrism.port}: Cilium reaches the API server through KubePrism`,
      ),
    );
  }
  const host = values.k8sServiceHost;
  if (host !== "localhost" && host !== "127.0.0.1") {
    problems.push(
      error(
        ciliumPath(build, ["k8sServiceHost"], "cilium.k8sServiceHost"),
        `${
          JSON.stringify(host)
        } must be localhost or 127.0.0.1: KubePrism listens on every node's loopback`,
      ),
    );
  }
  // The last cluster patch that sets KubePrism wins (Omni applies them in order).
  const patched = patchedValue(build, ["machine", "features", "kubePrism"]);
  const prism = asJson(patched.value);
  if (prism.enabled !== true || prism.port !== kubePrism.port) {
    problems.push(
      error(
        patched.file ?? `${build.patchDir}/kubeprism.yaml`,
        `KubePrism must be enabled on port ${kubePrism.port}`,
      ),
    );
  }
  return problems;
}

/** Rule 3. */
export const rule: Rule = {
  id: "kubeprism",
  number: 3,
  statement:
    "`k8sServicePort` equals the KubePrism port, KubePrism is enabled (not on the API server port, which is Omni's 6443), `k8sServiceHost` is localhost/127.0.0.1",
  prevents: "Cilium cannot reach the API server: no pod network at all",
  severity: "error",
  upstream:
    "siderolabs/omni v1.10.4 internal/backend/runtime/omni/controllers/omni/cluster_loadbalancer.go",
  input,
  built,
};
