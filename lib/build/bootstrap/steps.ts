/**
 * The bootstrap chain as the ordered steps a person runs, with the cluster's
 * own names and paths: what `deno task bootstrap <cluster>` prints and the
 * cluster's README lists. One list, two formats (terminal text, Markdown).
 *
 * @module
 */
import type { Build } from "../../model/build.ts";
import { shellQuote as q } from "../../model/shell_quote.ts";
import { gatewayName } from "../gateway/gateway.ts";
import { ARGOCD_CHART, argocdComponent, omniInstallsArgocd, releaseOf } from "./plan.ts";
import { bootstrapName, type HelmRelease } from "./manifests.ts";
import { atLeast, OMNI_FEATURES } from "../omni/version.ts";
import {
  certManagerApp,
  dnsCredentials,
  issuerDescription,
  issuerSecretNamespace,
  issuerSource,
} from "../tls/issuer.ts";

/** Commands, and what to do when their result is not what `expect` says. */
export interface Step {
  title: string;
  /** Why the step is there, or what happens in it without anyone's action. */
  about: string;
  commands: string[];
  /** What a good result looks like. */
  expect: string;
  /** What to run when it is not. */
  ifFails?: { about: string; commands: string[] };
}

/** How omnictl at `version` finds the files the template names. */
function fileResolution(version: string): string {
  const since = OMNI_FEATURES.templateRelativePaths.since;
  return atLeast(version, since)
    ? `omnictl ${version} reads the files the template names relative to the template's own folder (Omni ${since} and later).`
    : `omnictl ${version} reads the files the template names relative to the folder it runs in: run it from the repository root.`;
}

/**
 * The `helm` command that installs a release by hand, from the values file Argo CD reads. Every
 * argument taken from the cluster file is a shell word of its own ({@link q}).
 */
export function helmCommand(release: HelmRelease, valuesPath: string): string {
  return [
    `helm upgrade --install ${q(release.release)} ${q(release.chart.chart)}`,
    `--repo ${q(release.chart.repoURL)} --version ${q(release.chart.version)}`,
    `--namespace ${q(release.namespace)} --create-namespace --values ${q(valuesPath)}`,
  ].join(" ");
}

const ACCEPTED_ROUTES =
  `kubectl get httproute -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\t"}{.status.parents[*].conditions[?(@.type=="Accepted")].status}{"\\n"}{end}'`;

/** What the steps read, computed once. */
interface StepContext {
  build: Build;
  cluster: Build["cluster"];
  name: string;
  apps: string;
  template: string;
  count: (role: string) => number;
  valuesPath: (component: string) => string;
  cilium: HelmRelease;
  argo: ReturnType<typeof argocdComponent>;
  argoRelease: HelmRelease | undefined;
  omniArgo: boolean;
  bootstrapPaths: string[];
  waves: string;
  gwNs: string;
  gateways: string;
  job: (release: string) => string;
}

function stepContext(build: Build): StepContext {
  const { cluster } = build;
  const name = cluster.name;
  const apps = `apps/${name}`;
  const template = build.templatePath;
  const count = (role: string) => cluster.nodes.filter((node) => node.role === role).length;
  const valuesPath = (component: string) =>
    build.values.find((entry) => entry.component === component)?.path ??
      `${apps}/${component}/values.yaml`;
  const cilium = releaseOf(build.components.find((c) => c.name === "cilium")!)!;
  const argo = argocdComponent(build.components);
  const argoRelease = argo && releaseOf(argo);
  const omniArgo = omniInstallsArgocd(cluster, build.components);
  const bootstrapPaths = build.bootstrap.map((file) => file.path);
  const byWave = new Map<number, string[]>();
  for (const [component, wave] of build.waves) {
    // Appended in place: copying the wave's list for each of 100,000 apps is quadratic.
    const names = byWave.get(wave);
    if (names) names.push(component);
    else byWave.set(wave, [component]);
  }
  const waves = [...byWave.entries()].sort((a, b) => a[0] - b[0])
    .map(([wave, names]) => `wave ${wave}: ${names.join(", ")}`).join("; ");
  const gwNs = cluster.gatewayNamespace;
  const gateways = Object.entries(cluster.gateways)
    .map(([key, spec]) => `${gatewayName(key)} (${spec.address})`).join(", ");
  const job = (release: string) => q(`job/${bootstrapName(release)}`);
  return {
    build,
    cluster,
    name,
    apps,
    template,
    count,
    valuesPath,
    cilium,
    argo,
    argoRelease: argoRelease || undefined,
    omniArgo,
    bootstrapPaths,
    waves,
    gwNs,
    gateways,
    job,
  };
}

function renderStep(c: StepContext): Step {
  const { cluster, apps } = c;
  return {
    title: "Render, check and push",
    about:
      `Argo CD reads ${apps}/ from ${cluster.git.repoURL} (${cluster.git.revision}); omnictl reads the template and the files it names from this checkout. Run every command from the repository root.`,
    commands: ["deno task check", `git push origin ${q(cluster.git.revision)}`],
    expect: "check reports the tree up to date, and the commit is on the branch Argo CD reads.",
    ifFails: {
      about:
        "render, review, and commit the cluster files, vendor/ and the rendered tree together; then push.",
      commands: [
        "deno task render",
        "deno task diff",
        "git add clusters vendor apps omni && git commit",
      ],
    },
  };
}

function omniStep(c: StepContext): Step {
  const { cluster, template, count, build } = c;
  return {
    title: "Create the cluster in Omni",
    about: `The template creates ${count("controlplane")} control-plane and ${
      count("worker")
    } worker node(s) and lists the bootstrap manifests (${
      build.manifests.map((m) => m.name).join(", ")
    }), which Omni applies once, as one batch, as soon as the cluster's API answers. ${
      fileResolution(cluster.omni.version)
    }`,
    commands: [
      `omnictl cluster template validate -f ${q(template)}`,
      `omnictl cluster template sync -f ${q(template)}`,
      `omnictl cluster template status -f ${q(template)}`,
    ],
    expect: "validate prints nothing wrong; status shows every machine allocated and running.",
    ifFails: {
      about:
        "validate names the document and field at fault; a machine set that stays short lacks free machines of its class:",
      commands: ["omnictl get machines", "omnictl get machinestatus"],
    },
  };
}

function apiStep(c: StepContext): Step {
  const { cluster, name } = c;
  return {
    title: "Reach the API server",
    about:
      "Nodes register NotReady: there is no CNI yet (Talos runs with `cni: none` and no kube-proxy).",
    commands: [`omnictl kubeconfig -c ${q(name)}`, "kubectl get nodes -o wide"],
    expect: `${cluster.nodes.length} node(s) listed, NotReady until Cilium runs.`,
  };
}

function ciliumStep(c: StepContext): Step {
  const { cluster, name, valuesPath, cilium, bootstrapPaths, job } = c;
  return {
    title: "Cilium (installed by Omni)",
    about: `Omni applies ${
      bootstrapPaths[0]
    }: a host-network Job installs Cilium ${cilium.chart.version} with the values of ${
      valuesPath("cilium")
    }, reaching the API server through KubePrism (${cluster.cilium.k8sServiceHost}:${cluster.kubePrism.port}).`,
    commands: [
      `kubectl -n kube-system logs -f ${job("cilium")}`,
      "kubectl -n kube-system rollout status ds/cilium --timeout=10m",
      "kubectl wait --for=condition=Ready nodes --all --timeout=10m",
      "kubectl exec -n kube-system ds/cilium -- cilium status --brief",
    ],
    expect: "the Job completes, the DaemonSet rolls out, every node turns Ready, status says OK.",
    ifFails: {
      about:
        "ask Omni whether it applied the manifest, read why the Job fails (most often the chart repository is unreachable from the nodes), or run the same install by hand, with the chart, version and values file of the cilium Application:",
      commands: [
        `omnictl get clusterkubernetesmanifestsstatus ${q(name)} -o yaml`,
        `kubectl -n kube-system describe ${job("cilium")}`,
        helmCommand(cilium, valuesPath("cilium")),
      ],
    },
  };
}

/** Starting a sync of an Application by hand, as `argocd app sync` does, with kubectl alone. */
const syncCommand = (name: string) =>
  `kubectl -n argocd patch application ${
    q(name)
  } --type merge -p '{"operation":{"initiatedBy":{"username":"bootstrap"},"sync":{}}}'`;

function waitStep(c: StepContext): Step {
  const { argo, waves, build } = c;
  const manual = build.components.filter((c) => c.application?.automated === false)
    .map((c) => c.name);
  const byHand = manual.length === 0
    ? ""
    : ` ${manual.join(", ")} ${
      manual.length === 1 ? "has" : "have"
    } no automated sync (application.automated: false): Argo CD creates ${
      manual.length === 1 ? "its Application" : "their Applications"
    } but syncs nothing of ${
      manual.length === 1 ? "it" : "them"
    } until a person starts it, and the waves after it wait for it (its health is Missing until then): start ${
      manual.length === 1 ? "it" : "each"
    } once the waves before it are Healthy.`;
  return {
    title: "Wait for the apps",
    about:
      `Argo CD syncs the Applications in waves (${waves}); each wave waits for the one before to be Healthy. The ${
        argo ? `cilium and ${argo.name} Applications adopt` : "cilium Application adopts"
      } what the bootstrap installed: same chart, version, release and values, so no pod restarts.${byHand}`,
    commands: [`kubectl -n argocd get applications -w`, ...manual.map(syncCommand)],
    expect: "every Application Synced and Healthy.",
    ifFails: {
      about:
        "the first Application that is not Synced and Healthy names the resource at fault (a Gateway stays Degraded until its certificate exists). Once its retries are spent, Argo CD does not sync the same revision again by itself: when the cause is fixed, start a sync of the root:",
      commands: [
        `kubectl -n argocd get application <name> -o jsonpath='{.status.conditions}'`,
        `kubectl -n argocd get application <name> -o jsonpath='{.status.resources}'`,
        syncCommand("root"),
      ],
    },
  };
}

function verifyStep(c: StepContext): Step {
  const { cluster, apps, gwNs, gateways } = c;
  return {
    title: "Verify",
    about: `The checks of the network architecture's troubleshooting section (${apps}/README.md).`,
    commands: [
      "kubectl get pods -n kube-system -l k8s-app=kube-proxy",
      `kubectl get gateway -n ${q(gwNs)}`,
      ACCEPTED_ROUTES,
      "kubectl get leases -n kube-system | grep cilium-l2announce",
      ...Object.values(cluster.gateways).flatMap((spec) => [
        `ping -c 3 ${q(spec.address)}`,
        `arp -a | grep ${q(spec.address)}`,
      ]),
    ],
    expect:
      `no kube-proxy pods; ${gateways} PROGRAMMED True; every HTTPRoute Accepted True; from a host on ${cluster.network.nodes}, each Gateway address answers and has a MAC address.`,
  };
}

function removeStep(c: StepContext): Step {
  const { bootstrapPaths } = c;
  return {
    title: "Remove the bootstrap objects",
    about:
      "Once the cilium and Argo CD Applications are Synced, the Jobs, their values and their cluster-admin ServiceAccounts have done their work. Deleting them leaves Cilium and Argo CD running; Omni does not apply a one-time manifest again.",
    commands: [`kubectl delete ${bootstrapPaths.map((path) => `-f ${q(path)}`).join(" ")}`],
    expect: "the objects of the bootstrap files are gone; Cilium and Argo CD keep running.",
  };
}

function argoSteps(c: StepContext): Step[] {
  const { apps, valuesPath, argo, argoRelease, omniArgo, bootstrapPaths, job } = c;
  if (!argoRelease || !argo) {
    return [{
      title: "Argo CD",
      about:
        `This cluster runs no app from the ${ARGOCD_CHART} chart: install Argo CD in namespace argocd yourself, then apply the root Application.`,
      commands: [`kubectl apply --server-side -f ${q(`${apps}/root.yaml`)}`],
      expect: "the root Application exists in namespace argocd.",
    }];
  }
  const byHand = helmCommand(argoRelease, valuesPath(argo.name));
  const rollout = `kubectl -n ${
    q(argo.namespace)
  } rollout status deploy/argocd-server --timeout=10m`;
  return [
    omniArgo
      ? {
        title: "Argo CD (installed by Omni)",
        about: `Once a node is Ready, the Job of ${
          bootstrapPaths[1]
        } installs Argo CD ${argoRelease.chart.version} with the values of ${
          valuesPath(argo.name)
        }, then applies the root Application (${apps}/root.yaml, held in the Job's ConfigMap) with kubectl; until Argo CD's CRDs are established the apply fails and the Job retries it. The root is not an Omni manifest: Omni applies its one-time manifests as one batch that must pass a dry run on a new cluster, where the Application kind does not exist yet.`,
        commands: [
          `kubectl -n kube-system logs ${job(argo.name)} -c helm`,
          `kubectl -n kube-system logs -f ${job(argo.name)} -c apply`,
          rollout,
          `kubectl -n ${q(argo.namespace)} get application root`,
        ],
        expect: "the Job completes, argocd-server rolls out, the root Application exists.",
        ifFails: {
          about: "run the same install by hand, then apply the root Application:",
          commands: [byHand, `kubectl apply --server-side -f ${q(`${apps}/root.yaml`)}`],
        },
      }
      : {
        title: "Argo CD (by hand: bootstrap.argocd is command)",
        about: `Install Argo CD ${argoRelease.chart.version} with the values of ${
          valuesPath(argo.name)
        } (what its Application later adopts), then the root Application.`,
        commands: [byHand, rollout, `kubectl apply --server-side -f ${q(`${apps}/root.yaml`)}`],
        expect: "argocd-server rolls out and the root Application exists.",
      },
  ];
}

/**
 * The ordered steps from bare machines to synced apps.
 *
 * @example
 * ```ts
 * import { bootstrapSteps } from "./steps.ts";
 * import { buildCluster } from "../cluster.ts";
 * import { components, syncWaves } from "../components.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const list = components(parsed.cluster);
 * const waves = syncWaves(list);
 * assert.ok(waves.ok);
 * const steps = bootstrapSteps(buildCluster(parsed.cluster, list, waves.waves));
 * assert.ok(steps[1].commands.includes("omnictl cluster template sync -f omni/homelab/cluster-template.yaml"));
 * ```
 */
export function bootstrapSteps(build: Build): Step[] {
  const c = stepContext(build);
  return [
    renderStep(c),
    omniStep(c),
    apiStep(c),
    ciliumStep(c),
    ...argoSteps(c),
    issuerStep(build),
    waitStep(c),
    verifyStep(c),
    removeStep(c),
  ];
}

/** The step that makes sure the Gateways' issuer exists before their wave, and can issue. */
function issuerStep(build: Build): Step {
  const { cluster } = build;
  const { kind, name } = cluster.tls.issuer;
  const ns = issuerSecretNamespace(cluster);
  const secrets = dnsCredentials(cluster);
  const scope = kind === "Issuer" ? ` -n ${q(ns)}` : "";
  const source = issuerSource(cluster);
  const certManager = certManagerApp(cluster)?.name ?? "cert-manager";
  const commands = [
    ...(secrets.length > 0
      ? [`kubectl create namespace ${q(ns)} --dry-run=client -o yaml | kubectl apply -f -`]
      : []),
    ...secrets.map((secret) =>
      `kubectl -n ${q(ns)} create secret generic ${q(secret.name)} --from-literal=${
        q(secret.key)
      }=<from your DNS provider>`
    ),
    ...(source.from === "external"
      ? [
        `kubectl -n argocd wait ${
          q(`application/${certManager}`)
        } --for=jsonpath='{.status.health.status}'=Healthy --timeout=15m`,
        `kubectl apply -f <your ${kind} ${name}>`,
      ]
      : []),
    `kubectl get ${q(kind.toLowerCase())} ${q(name)}${scope}`,
    `kubectl get certificate -n ${q(cluster.gatewayNamespace)}`,
  ];
  const when = source.from === "acme"
    ? `Hydrate syncs the issuer before the Gateways${
      secrets.length > 0
        ? `; its DNS provider's credentials are never in Git: create the Secret(s) in namespace ${ns} now (cert-manager reads a ClusterIssuer's Secrets from its own namespace)`
        : ""
    }.`
    : source.from === "external"
    ? `apply it as soon as the ${certManager} Application (its CRDs) is Healthy, before the Gateways' wave runs out of retries.`
    : "its app syncs it before the Gateways' wave; check that it is Ready.";
  return {
    title: `TLS issuer ${kind} ${name}`,
    about: `The Gateways' certificates come from ${kind} ${name}, ${
      issuerDescription(cluster)
    }. Until a Gateway has its certificate, its HTTPS listener is not programmed and Argo CD reports the Gateway Degraded, which holds back the waves after it: ${when}`,
    commands,
    expect:
      `${kind} ${name} READY True; each Gateway's Certificate READY True (until then the HTTPS listeners are not programmed).`,
    ifFails: {
      about:
        "the issuer's and the certificate's conditions name the cause (ACME account, solver, DNS):",
      commands: [
        `kubectl describe ${q(kind.toLowerCase())} ${q(name)}${scope}`,
        `kubectl describe certificaterequest,order,challenge -n ${q(cluster.gatewayNamespace)}`,
      ],
    },
  };
}

/** The steps as terminal text: numbered, commands indented. */
export function stepsText(cluster: string, steps: readonly Step[]): string {
  const lines = [`Bootstrap of ${cluster}: from bare machines to synced apps`, ""];
  steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${step.title}`, `   ${step.about}`, "");
    lines.push(...step.commands.map((command) => `     ${command}`), "");
    lines.push(`   Expect: ${step.expect}`);
    if (step.ifFails) {
      lines.push(`   If not: ${step.ifFails.about}`);
      lines.push(...step.ifFails.commands.map((command) => `     ${command}`));
    }
    lines.push("");
  });
  return lines.join("\n");
}

/** The steps as Markdown: a heading of `level` each, the commands in a `sh` block, and the way out when a step fails. */
export function stepsMarkdown(steps: readonly Step[], level = 3): string[] {
  return steps.flatMap((step, i) => [
    `${"#".repeat(level)} ${i + 1}. ${step.title}`,
    "",
    step.about,
    "",
    "```sh",
    ...step.commands,
    "```",
    "",
    `Expect: ${step.expect}`,
    "",
    ...(step.ifFails
      ? [`If not: ${step.ifFails.about}`, "", "```sh", ...step.ifFails.commands, "```", ""]
      : []),
  ]);
}
