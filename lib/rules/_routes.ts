/**
 * Where each rendered HTTPRoute attaches: for every parent reference, the
 * Gateway it names (if rendered), the listeners it selects, and the hostnames
 * and paths it claims there.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import type { Resource } from "../model/resource.ts";
import { kindOf, type Listener, listenersOf } from "./_helpers.ts";

/** One parent reference of one HTTPRoute. */
export interface Attachment {
  /** The route's file. */
  path: string;
  /** `spec.parentRefs[i]`. */
  where: string;
  /** The route's namespace and the Gateway's. */
  namespace: string;
  gatewayNamespace: string;
  parent: { name: string; namespace?: string; sectionName?: string };
  /** The Gateway, when it is rendered. */
  gateway?: Resource;
  /** Its listeners, and those the reference selects. */
  listeners: Listener[];
  chosen: Listener[];
  hostnames: string[];
  /** The path of every rule match (`/` for a rule without one). */
  paths: string[];
}

interface RouteSpec {
  parentRefs?: { name: string; namespace?: string; sectionName?: string }[];
  hostnames?: string[];
  rules?: { matches?: { path?: { value?: string } }[] }[];
}

/** Every parent reference of every rendered HTTPRoute. */
export function attachments(build: Build): Attachment[] {
  const gateways = new Map(
    kindOf(build, "Gateway").map(({ resource }) => [
      `${resource.metadata.namespace}/${resource.metadata.name}`,
      resource,
    ]),
  );
  // The routes Hydrate renders, and those the Git apps of this repository sync from their folders.
  const routes = [
    ...kindOf(build, "HTTPRoute"),
    ...(build.synced ?? []).filter(({ resource }) => resource.kind === "HTTPRoute"),
  ];
  return routes.flatMap(({ path, resource }) => {
    const spec = resource.spec as RouteSpec;
    const namespace = resource.metadata.namespace ?? "default";
    const paths = (spec.rules ?? []).flatMap((rule) =>
      (rule.matches ?? [{}]).map((match) => match.path?.value ?? "/")
    );
    return (spec.parentRefs ?? []).map((parent, i) => {
      const gatewayNamespace = parent.namespace ?? namespace;
      const gateway = gateways.get(`${gatewayNamespace}/${parent.name}`);
      const listeners = gateway ? listenersOf(gateway) : [];
      return {
        path,
        where: `spec.parentRefs[${i}]`,
        namespace,
        gatewayNamespace,
        parent,
        gateway,
        listeners,
        chosen: parent.sectionName === undefined
          ? listeners
          : listeners.filter((listener) => listener.name === parent.sectionName),
        hostnames: spec.hostnames ?? [],
        paths: paths.length > 0 ? paths : ["/"],
      };
    });
  });
}
