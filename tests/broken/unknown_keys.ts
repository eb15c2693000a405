// Misspelt keys, refused with a suggestion (and a compile error in the editor).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  kubePrysm: { port: 7445 },
  // @ts-expect-error: misspelt keys are compile errors too (TypeScript reports one per literal)
  cilium: { kubeProxyReplacment: true },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  'tests/broken/unknown_keys.ts: cilium: unknown key "kubeProxyReplacment" (did you mean "kubeProxyReplacement"?)',
  'tests/broken/unknown_keys.ts: (top level): unknown key "kubePrysm" (did you mean "kubePrism"?)',
];
