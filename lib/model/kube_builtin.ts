/**
 * What a new Kubernetes cluster serves before anything is installed: the
 * built-in kinds (group, version, kind and scope) and the namespaces that exist
 * from the start. Kubernetes v1.34 (kubernetes/kubernetes pkg/api,
 * staging/src/k8s.io/api); Talos adds no CRD of its own before its manifests run.
 *
 * @module
 */

/** A kind the API server serves: its API version and whether its objects live in a namespace. */
export interface ApiKind {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

const kinds = (apiVersion: string, namespaced: boolean, names: string[]): ApiKind[] =>
  names.map((kind) => ({ apiVersion, kind, namespaced }));

/** The built-in kinds of the Kubernetes API (stable versions). */
export const BUILTIN_KINDS: readonly ApiKind[] = [
  ...kinds("v1", true, [
    "ConfigMap",
    "Endpoints",
    "Event",
    "LimitRange",
    "PersistentVolumeClaim",
    "Pod",
    "PodTemplate",
    "ReplicationController",
    "ResourceQuota",
    "Secret",
    "Service",
    "ServiceAccount",
  ]),
  ...kinds("v1", false, ["Namespace", "Node", "PersistentVolume"]),
  ...kinds("apps/v1", true, [
    "ControllerRevision",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
  ]),
  ...kinds("batch/v1", true, ["CronJob", "Job"]),
  ...kinds("autoscaling/v2", true, ["HorizontalPodAutoscaler"]),
  ...kinds("autoscaling/v1", true, ["HorizontalPodAutoscaler"]),
  ...kinds("policy/v1", true, ["PodDisruptionBudget"]),
  ...kinds("coordination.k8s.io/v1", true, ["Lease"]),
  ...kinds("discovery.k8s.io/v1", true, ["EndpointSlice"]),
  ...kinds("events.k8s.io/v1", true, ["Event"]),
  ...kinds("networking.k8s.io/v1", true, ["Ingress", "NetworkPolicy"]),
  ...kinds("networking.k8s.io/v1", false, ["IngressClass", "IPAddress", "ServiceCIDR"]),
  ...kinds("rbac.authorization.k8s.io/v1", true, ["Role", "RoleBinding"]),
  ...kinds("rbac.authorization.k8s.io/v1", false, ["ClusterRole", "ClusterRoleBinding"]),
  ...kinds("storage.k8s.io/v1", true, ["CSIStorageCapacity"]),
  ...kinds("storage.k8s.io/v1", false, [
    "CSIDriver",
    "CSINode",
    "StorageClass",
    "VolumeAttachment",
    "VolumeAttributesClass",
  ]),
  ...kinds("resource.k8s.io/v1", true, ["ResourceClaim", "ResourceClaimTemplate"]),
  ...kinds("resource.k8s.io/v1", false, ["DeviceClass", "ResourceSlice"]),
  ...kinds("scheduling.k8s.io/v1", false, ["PriorityClass"]),
  ...kinds("node.k8s.io/v1", false, ["RuntimeClass"]),
  ...kinds("apiextensions.k8s.io/v1", false, ["CustomResourceDefinition"]),
  ...kinds("apiregistration.k8s.io/v1", false, ["APIService"]),
  ...kinds("admissionregistration.k8s.io/v1", false, [
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
  ]),
  ...kinds("certificates.k8s.io/v1", false, ["CertificateSigningRequest"]),
  ...kinds("flowcontrol.apiserver.k8s.io/v1", false, [
    "FlowSchema",
    "PriorityLevelConfiguration",
  ]),
];

/** The namespaces a new cluster has: Kubernetes creates all four at start. */
export const INITIAL_NAMESPACES: readonly string[] = [
  "default",
  "kube-node-lease",
  "kube-public",
  "kube-system",
];
