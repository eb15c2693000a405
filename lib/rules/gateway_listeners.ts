/**
 * Rule 12: a Gateway's listeners are distinct, and every HTTPS listener terminates
 * TLS with a certificate.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { kindOf, listenersOf } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  for (const { path, resource } of kindOf(build, "Gateway")) {
    const listeners = listenersOf(resource);
    const names = new Set<string>();
    const bindings = new Set<string>();
    listeners.forEach((listener, i) => {
      const where = `spec.listeners[${i}]`;
      if (names.has(listener.name)) {
        problems.push(error(path, `${where}.name: ${listener.name} is used by another listener`));
      }
      names.add(listener.name);
      const binding = `${listener.port}/${listener.protocol}/${listener.hostname ?? "*"}`;
      if (bindings.has(binding)) {
        problems.push(
          error(
            path,
            `${where}: port ${listener.port} ${listener.protocol} ${
              listener.hostname ?? "(any host)"
            } is already served by another listener`,
          ),
        );
      }
      bindings.add(binding);
      // Gateway API v1.3.0 (apis/v1/gateway_types.go, GatewayTLSConfig.Mode):
      // `+kubebuilder:default=Terminate`, so a listener without `tls.mode` terminates TLS.
      const refs = listener.tls?.certificateRefs ?? [];
      const mode = listener.tls?.mode ?? "Terminate";
      if (listener.protocol === "HTTPS" && (mode !== "Terminate" || refs.length === 0)) {
        problems.push(
          error(
            path,
            `${where}: HTTPS listener ${listener.name} must terminate TLS with a certificate ref${
              mode === "Terminate" ? "" : ` (tls.mode is ${mode})`
            }`,
          ),
        );
      }
    });
  }
  return problems;
}

/** Rule 12. */
export const rule: Rule = {
  id: "gateway-listeners",
  number: 12,
  statement:
    "Gateway listeners: unique names, unique (port, protocol, hostname), HTTPS terminates TLS (the default `tls.mode`) with a certificate",
  prevents: "listeners rejected, `PROGRAMMED=False`",
  severity: "error",
  upstream: "kubernetes-sigs/gateway-api v1.3.0 apis/v1/gateway_types.go (GatewayTLSConfig.Mode)",
  built,
};
