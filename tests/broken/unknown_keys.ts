// Misspelt keys, refused with a suggestion.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  kubePrysm: { port: 7445 },
  cilium: { ...homelab.cilium, kubeProxyReplacment: true },
};

export const expected: string[] = [
  'tests/broken/unknown_keys.ts: cilium: unknown key "kubeProxyReplacment" (did you mean "kubeProxyReplacement"?)',
  'tests/broken/unknown_keys.ts: (top level): unknown key "kubePrysm" (did you mean "kubePrism"?)',
];
