import assert from "node:assert/strict";
import {
  type Artifact,
  isArtifactDir,
  parseLock,
  sha256,
  upstreamOf,
  type VendorFiles,
} from "./vendor.ts";

/** A vendor folder in memory, its lock listing `locked` (path -> text). */
function folder(given: Record<string, string>, extra: Record<string, string> = {}): VendorFiles {
  const locked = {
    "charts/demo/1.0.0/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0.0\n",
    ...given,
  };
  const all = { ...locked, ...extra };
  const lock = {
    version: 1,
    artifacts: {
      "charts/demo/1.0.0": {
        label: "demo 1.0.0",
        repoURL: "https://charts.example.com",
        source: "https://charts.example.com/demo-1.0.0.tgz",
        files: Object.fromEntries(
          Object.entries(locked).map(([path, text]) => [
            path.replace("charts/demo/1.0.0/", ""),
            { source: "-", sha256: sha256(text) },
          ]),
        ),
      },
    },
  };
  const texts: Record<string, string> = { ...all, "lock.json": JSON.stringify(lock) };
  return {
    read: (path) => texts[path],
    list: (dir) => Object.keys(all).filter((path) => path.startsWith(`${dir}/`)).sort(),
  };
}

const DEMO: Artifact = {
  dir: "charts/demo/1.0.0",
  label: "demo 1.0.0",
  pinnedAt: "apps.demo.chart.version",
  source: {
    kind: "chart",
    repoURL: "https://charts.example.com",
    chart: "demo",
    version: "1.0.0",
  },
};

Deno.test("an artifact whose files are the ones the lock lists is usable", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" });
  assert.equal(upstreamOf(files).unusable(DEMO), undefined);
});

Deno.test("a file the lock does not list is refused, not read", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" }, {
    "charts/demo/1.0.0/templates/zz.yaml": "{{ toYaml .Values }}",
  });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/templates\/zz\.yaml is not in vendor\/lock\.json/,
  );
});

Deno.test("a locked file that does not parse makes the artifact unusable, naming the file", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: [1\n" });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/values\.yaml: .* \(does not parse\): restore it from Git/,
  );
});

Deno.test("a changed file is refused, with how to restore it", () => {
  const files = folder({ "charts/demo/1.0.0/values.yaml": "a: 1\n" });
  const changed: VendorFiles = {
    ...files,
    read: (path) => path.endsWith("values.yaml") ? "a: 2\n" : files.read(path),
  };
  assert.match(
    upstreamOf(changed).unusable(DEMO)!,
    /does not match its sha256 in vendor\/lock\.json: restore it \(`git checkout -- vendor\/charts\/demo\/1\.0\.0`\)/,
  );
});

Deno.test("a chart whose Chart.yaml names another version than its folder is refused", () => {
  const files = folder({
    "charts/demo/1.0.0/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0.1\n",
    "charts/demo/1.0.0/values.yaml": "a: 1\n",
  });
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/charts\/demo\/1\.0\.0\/Chart\.yaml is demo 1\.0\.1, not demo 1\.0\.0: restore it/,
  );
});

/** A lock of one artifact, as text: `dir` its key, `files` its file names. */
const lockText = (dir: string, files: string[] = ["values.yaml"]) =>
  JSON.stringify({
    version: 1,
    artifacts: {
      [dir]: {
        label: "x",
        source: "-",
        files: Object.fromEntries(files.map((name) => [name, { source: "-", sha256: "0" }])),
      },
    },
  });

Deno.test("the artifact folders are exactly the ones Hydrate vendors into", () => {
  const ok = [
    "charts/cilium/1.18.4",
    "charts/cert-manager/v1.19.1",
    "charts/demo/1.0.0-rc.1",
    "crds/gateway-api/v1.3.0",
    "crds/cilium/1.18.4",
    "crds/url/9c9de0d1462a9ec2",
    "talos/v1.11.5",
  ];
  for (const dir of ok) assert.ok(isArtifactDir(dir), dir);
  const refused = [
    "../../etc",
    "charts/../../etc",
    "charts/x",
    "charts/x/1.0.0/extra",
    "charts/../1.0.0",
    "charts/Demo/1.0.0",
    "charts/demo/latest",
    "charts/demo/..",
    "/etc/passwd",
    "crds/other/v1.0.0",
    "crds/gateway-api/1.3.0",
    "crds/url/9C9DE0D1462A9EC2",
    "crds/url/..",
    "talos/1.11.5",
    "talos/v1.11.5/x",
    "vendor",
    "",
  ];
  for (const dir of refused) assert.ok(!isArtifactDir(dir), dir);
});

Deno.test("a lock naming a folder or a file outside vendor/ is refused, naming it", () => {
  assert.ok(typeof parseLock(lockText("charts/demo/1.0.0", ["templates/a.yaml"])) !== "string");
  assert.equal(
    parseLock(lockText("../../etc")),
    'vendor/lock.json names "../../etc", no folder Hydrate vendors (charts/<chart>/<version>, crds/gateway-api/<version>, crds/cilium/<version>, crds/url/<16 hex digits>, talos/<version>): restore vendor/lock.json from Git',
  );
  for (const name of ["../../../etc/passwd", "/etc/passwd", "a//b", "./x", "a\\..\\b"]) {
    assert.match(
      parseLock(lockText("charts/demo/1.0.0", [name])) as string,
      /^vendor\/lock\.json: charts\/demo\/1\.0\.0 lists ".*", not a path inside its folder/,
      name,
    );
  }
  assert.match(
    parseLock('{"version":1,"artifacts":{"talos/v1.11.5":{"label":"x"}}}') as string,
    /talos\/v1\.11\.5 lists no files/,
  );
  assert.equal(
    parseLock('{"version":1,"artifacts":null}'),
    "vendor/lock.json is not a version 1 lock file",
  );
});

Deno.test("render and check read nothing of a lock that names a folder outside vendor/", () => {
  const files: VendorFiles = {
    read: (path) => path === "lock.json" ? lockText("charts/../../../etc") : undefined,
    list: () => [],
  };
  assert.match(
    upstreamOf(files).unusable(DEMO)!,
    /^vendor\/lock\.json names "charts\/\.\.\/\.\.\/\.\.\/etc", no folder Hydrate vendors .*: restore vendor\/lock\.json from Git$/,
  );
});
