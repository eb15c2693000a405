// Rule 16: a patch that gives workloads the Talos os:admin role, which Omni refuses
// (siderolabs/omni v1.10.4 client/pkg/omni/resources/omni/config_patch.go forbiddenSliceElements).
import { defineCluster, longhorn } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    longhorn: longhorn({
      talos: {
        patches: {
          "talos-api": {
            machine: {
              features: {
                kubernetesTalosAPIAccess: {
                  enabled: true,
                  allowedRoles: ["os:reader", "os:admin"],
                  allowedKubernetesNamespaces: ["longhorn-system"],
                },
              },
            },
          },
        },
      },
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["omni-template"];

export const expected: string[] = [
  'tests/broken/talos_admin_role.ts: omni/homelab/patches/talos-api.yaml: machine.features.kubernetesTalosAPIAccess.allowedRoles holds os:admin, which Omni v1.10.4 refuses in a config patch ("element os:admin is not allowed")',
];
