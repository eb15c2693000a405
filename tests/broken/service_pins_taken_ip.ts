// Rule 7: LoadBalancer Services that pin their IP (cilium v1.18 operator/pkg/lbipam
// getSVCRequestedIPs: spec.loadBalancerIP, lbipam.cilium.io/ips, io.cilium/lb-ipam-ips): one on a
// Gateway's address, one outside every pool.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

const service = (name: string, pin: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "dns", ...(pin.metadata as object) },
  spec: { type: "LoadBalancer", ports: [{ port: 53, protocol: "UDP" }], ...(pin.spec as object) },
});

export default defineCluster(homelab, {
  apps: {
    dns: manifestsApp({
      namespace: "dns",
      resources: [
        service("dns-a", {
          metadata: { annotations: { "io.cilium/lb-ipam-ips": "192.168.10.50" } },
        }),
        service("dns-b", { spec: { loadBalancerIP: "192.168.10.70" } }),
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["lb-addresses"];

export const expected: string[] = [
  'tests/broken/service_pins_taken_ip.ts: apps/homelab/dns/service-dns-a.yaml: metadata.annotations["io.cilium/lb-ipam-ips"]: 192.168.10.50 is already the address of Gateway gateway/gateway-internal',
  "tests/broken/service_pins_taken_ip.ts: apps/homelab/dns/service-dns-b.yaml: spec.loadBalancerIP: 192.168.10.70 is outside every LoadBalancer pool (192.168.10.49-192.168.10.50)",
];
