// Application settings Argo CD would ignore or fail on: a misspelt sync option, a resource-only
// one, a compare option read only from resources, a JSON pointer that is no RFC 6901 pointer, an
// ignoreDifferences entry that ignores nothing, the sync-wave annotation set by hand.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    longhorn: {
      application: {
        syncOptions: ["PruneLast=True", "Prune=false"],
        compareOptions: ["IgnoreExtraneous"],
        ignoreDifferences: [
          { group: "apps", kind: "Deployment", jsonPointers: ["spec/replicas", "/a~2b"] },
          { kind: "ConfigMap", name: "longhorn-storageclass" },
        ],
        annotations: { "argocd.argoproj.io/sync-wave": "9" },
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["application-settings"];

export const expected: string[] = [
  "tests/broken/application_settings.ts: apps.longhorn.application.syncOptions[0]: PruneLast=True is not an option Argo CD reads from an Application (it would be ignored); did you mean PruneLast=true?",
  "tests/broken/application_settings.ts: apps.longhorn.application.syncOptions[1]: Prune=false is read only from a resource's annotation, never from an Application: set it on the resources it is for",
  "tests/broken/application_settings.ts: apps.longhorn.application.compareOptions[0]: IgnoreExtraneous is read only from a resource's annotation, never from an Application: set it on the resources it is for",
  "tests/broken/application_settings.ts: apps.longhorn.application.ignoreDifferences[0].jsonPointers[0]: spec/replicas must start with '/' (an RFC 6901 pointer such as /spec/replicas; Argo CD removes it with a JSON Patch)",
  "tests/broken/application_settings.ts: apps.longhorn.application.ignoreDifferences[0].jsonPointers[1]: /a~2b has a '~' not followed by 0 or 1 (RFC 6901 escapes ~0 and ~1)",
  "tests/broken/application_settings.ts: apps.longhorn.application.ignoreDifferences[1]: ConfigMap: names nothing to ignore (jsonPointers, jqPathExpressions or managedFieldsManagers)",
  "tests/broken/application_settings.ts: apps.longhorn.application.annotations.argocd.argoproj.io/sync-wave: is set by Hydrate: state application.wave instead",
];
