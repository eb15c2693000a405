import assert from "node:assert/strict";
import type { Problem } from "../model/problem.ts";
import { checkBuilt } from "./mod.ts";
import { rule as l2Policy } from "./l2_policy.ts";
import { rule as gatewayListeners } from "./gateway_listeners.ts";
import { rule as syncOrder } from "./sync_order.ts";
import { rule as routeAttachment } from "./route_attachment.ts";
import { rule as routeClaims } from "./route_claims.ts";
import { rule as omniTemplate } from "./omni_template.ts";

const l2PolicyRules = l2Policy.built!;
const listenerRules = gatewayListeners.built!;
const orderingRules = syncOrder.built!;
const templateRules = omniTemplate.built!;
const routeRules = (b: Build): Problem[] => [
  ...routeAttachment.built!(b),
  ...routeClaims.built!(b),
];
import { type Build } from "../model/build.ts";
import type { Resource } from "../model/resource.ts";
import homelab from "../../clusters/homelab.ts";
import { buildOf } from "../build/_build_of.ts";

function resource(b: Build, path: string): Resource {
  const found = b.resources.find((entry) => entry.path === path);
  assert.ok(found, path);
  return found.resource;
}

const lines = (problems: { path: string; message: string }[]) =>
  problems.map((p) => `${p.path}: ${p.message}`);
type Listener = {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: unknown;
  allowedRoutes?: unknown;
};

Deno.test("a consistent build has no problem", () => {
  assert.deepEqual(checkBuilt(buildOf(homelab)), []);
});

Deno.test("rule 2: the CNI patch must be name none with no URLs", () => {
  const b = buildOf(homelab);
  b.patches.find((patch) => patch.name === "cni")!.body = {
    cluster: { network: { cni: { name: "custom", urls: ["https://example.com/flannel.yaml"] } } },
  };
  assert.deepEqual(lines(checkBuilt(b)), [
    "omni/homelab/patches/cni.yaml: cluster.network.cni must be { name: none } with no urls while Cilium is the CNI (Talos would install its own)",
  ]);
});

Deno.test("rule 3: the KubePrism patch must enable KubePrism on the cluster's port", () => {
  const b = buildOf(homelab);
  b.patches.find((patch) => patch.name === "kubeprism")!.body = {
    machine: { features: { kubePrism: { enabled: false, port: 7445 } } },
  };
  assert.deepEqual(lines(checkBuilt(b)), [
    "omni/homelab/patches/kubeprism.yaml: KubePrism must be enabled on port 7445",
  ]);
});

Deno.test("rule 12: listener names unique, (port, protocol, hostname) unique, HTTPS terminates TLS with a certificate", () => {
  const b = buildOf(homelab);
  const gateway = resource(b, "apps/homelab/gateway/gateway-internal.yaml");
  const listeners = (gateway.spec as { listeners: Listener[] }).listeners;
  listeners.push({ ...listeners[0] });
  listeners.push({
    name: "https-2",
    port: 443,
    protocol: "HTTPS",
    hostname: "*.vanillax.me",
    tls: { mode: "Passthrough" },
  });
  assert.deepEqual(lines(listenerRules(b)), [
    "apps/homelab/gateway/gateway-internal.yaml: spec.listeners[2].name: http is used by another listener",
    "apps/homelab/gateway/gateway-internal.yaml: spec.listeners[2]: port 80 HTTP *.vanillax.me is already served by another listener",
    "apps/homelab/gateway/gateway-internal.yaml: spec.listeners[3]: port 443 HTTPS *.vanillax.me is already served by another listener",
    "apps/homelab/gateway/gateway-internal.yaml: spec.listeners[3]: HTTPS listener https-2 must terminate TLS with a certificate ref (tls.mode is Passthrough)",
  ]);
});

Deno.test("rule 12: an HTTPS listener without tls.mode terminates TLS (the Gateway API default)", () => {
  // Models gateway-api v1.3.0 apis/v1/gateway_types.go: GatewayTLSConfig.Mode `+kubebuilder:default=Terminate`.
  const b = buildOf(homelab);
  const gateway = resource(b, "apps/homelab/gateway/gateway-internal.yaml");
  const https = (gateway.spec as { listeners: Listener[] }).listeners[1];
  https.tls = { certificateRefs: [{ kind: "Secret", name: "gateway-internal-tls" }] };
  assert.deepEqual(lines(listenerRules(b)), []);
  https.tls = {};
  assert.deepEqual(lines(listenerRules(b)), [
    "apps/homelab/gateway/gateway-internal.yaml: spec.listeners[1]: HTTPS listener https must terminate TLS with a certificate ref",
  ]);
});

Deno.test("rule 13: parent exists, section names a listener, namespace allowed, hostname matches", () => {
  const b = buildOf(homelab);
  const route = resource(b, "apps/homelab/argocd/httproute-argocd.yaml");
  const spec = route.spec as {
    parentRefs: { name: string; namespace: string; sectionName: string }[];
    hostnames: string[];
  };
  spec.parentRefs = [
    { name: "gateway-dmz", namespace: "gateway", sectionName: "https" },
    { name: "gateway-internal", namespace: "gateway", sectionName: "grpc" },
  ];
  const longhorn = resource(b, "apps/homelab/longhorn/httproute-longhorn.yaml").spec as typeof spec;
  longhorn.hostnames = ["vanillax.me"];
  const gateway = resource(b, "apps/homelab/gateway/gateway-internal.yaml");
  (gateway.spec as { listeners: Listener[] }).listeners[1].allowedRoutes = {
    namespaces: { from: "Same" },
  };
  assert.deepEqual(lines(routeRules(b)), [
    "apps/homelab/argocd/httproute-argocd.yaml: spec.parentRefs[0]: Gateway gateway/gateway-dmz is not rendered",
    "apps/homelab/argocd/httproute-argocd.yaml: spec.parentRefs[1].sectionName: grpc is not a listener of gateway-internal (listeners: http, https)",
    "apps/homelab/longhorn/httproute-longhorn.yaml: spec.parentRefs[0]: listener https of gateway-internal only accepts routes from namespace gateway, not longhorn-system",
    "apps/homelab/longhorn/httproute-longhorn.yaml: spec.hostnames: vanillax.me does not match listener https of gateway-internal (hostname *.vanillax.me)",
  ]);
});

Deno.test("rule 14: two routes claiming one hostname and path on one listener", () => {
  const b = buildOf(homelab);
  const longhorn = resource(b, "apps/homelab/longhorn/httproute-longhorn.yaml").spec as {
    hostnames: string[];
  };
  longhorn.hostnames = ["argocd.vanillax.me"];
  assert.deepEqual(lines(routeRules(b)), [
    "apps/homelab/longhorn/httproute-longhorn.yaml: spec.hostnames: argocd.vanillax.me path / on gateway-internal is already claimed by apps/homelab/argocd/httproute-argocd.yaml (the Gateway API silently drops one)",
  ]);
});

Deno.test("rule 15: no Application syncs before what it depends on; the root uses project default", () => {
  const b = buildOf(homelab);
  b.waves.set("gateway", 5);
  b.waves.set("cilium-lb", 0);
  (resource(b, "apps/homelab/root.yaml").spec as { project: string }).project = "platform";
  assert.deepEqual(lines(orderingRules(b)), [
    "apps/homelab/applications/cilium-lb.yaml: sync wave 0 must come after cilium (wave 0): its CRDs and controller serve CiliumLoadBalancerIPPool default",
    "apps/homelab/applications/argocd.yaml: sync wave 3 must come after gateway (wave 5): it provides Gateway gateway-internal that HTTPRoute argocd attaches to",
    "apps/homelab/applications/longhorn.yaml: sync wave 3 must come after gateway (wave 5): it provides Gateway gateway-internal that HTTPRoute longhorn attaches to",
    "apps/homelab/root.yaml: spec.project: platform must be default (the root Application exists before any AppProject)",
  ]);
});

Deno.test("rule 16: one Cluster, one ControlPlane, unique Workers names, rendered patch files, machines in sets, no Omni-owned fields", () => {
  const b = buildOf(homelab);
  b.template.push(
    { kind: "ControlPlane" },
    { kind: "Workers", name: "control-planes" },
    { kind: "Workers" },
    { kind: "Machine", name: "27c16241-96bf-4f17-9579-ea3a6c4a3ca8" },
  );
  (b.template[0].patches as { name: string; file: string }[]).push({
    name: "missing",
    file: "patches/missing.yaml",
  });
  b.patches.find((patch) => patch.name === "subnets")!.body = {
    cluster: { clusterName: "other", network: {} },
    // Allowed: siderolabs/omni v1.10.4 config_patch.go does not forbid it (a real cluster sets it).
    machine: { install: { disk: "/dev/sda", extensions: [{ image: "x" }] } },
  };
  assert.deepEqual(lines(templateRules(b)), [
    "omni/homelab/cluster-template.yaml: has 2 ControlPlane documents (exactly one is allowed)",
    "omni/homelab/cluster-template.yaml: Workers name control-planes is reserved by Omni",
    "omni/homelab/cluster-template.yaml: Workers name workers is used twice",
    "omni/homelab/cluster-template.yaml: patch missing patches/missing.yaml: omnictl v1.10.4 reads omni/homelab/patches/missing.yaml, which is not rendered",
    "omni/homelab/cluster-template.yaml: Machine 27c16241-96bf-4f17-9579-ea3a6c4a3ca8 is in no ControlPlane or Workers machine set",
    `omni/homelab/patches/subnets.yaml: sets cluster.clusterName, which Omni v1.10.4 refuses in a config patch ("overriding cluster.clusterName is not allowed")`,
    `omni/homelab/patches/subnets.yaml: sets machine.install.extensions, which Omni v1.10.4 refuses in a config patch ("overriding machine.install.extensions is not allowed")`,
  ]);
});

Deno.test("rule 8: the built L2 policy announces LoadBalancer IPs on at least one interface", () => {
  const b = buildOf(homelab);
  const policy = resource(b, "apps/homelab/cilium-lb/l2-policy.yaml");
  policy.spec = { loadBalancerIPs: false, externalIPs: true, interfaces: [] };
  assert.deepEqual(lines(l2PolicyRules(b)), [
    "apps/homelab/cilium-lb/l2-policy.yaml: spec.loadBalancerIPs must be true: nothing else announces the LoadBalancer IPs",
    "apps/homelab/cilium-lb/l2-policy.yaml: spec.interfaces must list at least one interface pattern",
  ]);
});
